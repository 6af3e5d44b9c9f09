// The "Workers" section of the demo (`npm start`, or `npm run demo:worker` for this section alone): CPU-bound
// tasks (demo/worker-demo-tasks.mjs) on a winrt-async/worker pool, shown with the other operations' live bars.
// One task is canceled midway: cooperatively, its loop sees the shared cancel flag and its `finally` runs in the
// worker, which says so through a SharedArrayBuffer. One ignores cancellation: it is canceled at once all the same,
// and its thread is terminated after the pool's grace period and replaced; the queued tasks go on there.
import { WorkerPool } from "../dist/worker/index.js";

/** Runs the section with the demo's `track`, `log`, `ms` and `signal` (see the sections list in demo.mjs). */
export async function workers(demo) {
  // window 1: one CPU-bound task per thread at a time; the others wait in the pool's queue.
  const graceMs = demo.ms(500);
  const pool = new WorkerPool(new URL("./worker-demo-tasks.mjs", import.meta.url), { size: 2, window: 1, cancelGraceMs: graceMs });
  try {
    const notes = () => new Int32Array(new SharedArrayBuffer(8));
    demo.log(`WorkerPool: 2 threads, window 1, grace ${graceMs} ms; "stubborn" ignores cancel`);
    const stubbornNotes = notes();
    const stubborn = demo.track(pool.run("stubborn", { seconds: 60, notes: stubbornNotes }, { description: "stubborn (ignores cancel)" }));
    // Sizes in demo time (WINRT_ASYNC_DEMO_SPEED makes them smaller): about a second of work each here.
    const jobs = [4_000_000, 6_000_000, 3_000_000, 3_500_000].map((size) => {
      const limit = demo.ms(size);
      const shared = notes();
      const label = `primes below ${limit.toLocaleString("en-US")}`;
      return { shared, op: demo.track(pool.run("primes", { limit, notes: shared }, { description: label })) };
    });

    // The second job is canceled once it passed 40%: its loop reads the shared flag; its finally runs in the worker.
    const starred = jobs[1];
    const starredId = starred.op.id;
    const onStarred = starred.op.onProgress((percent) => {
      if (percent < 40) return;
      onStarred[Symbol.dispose]();
      starred.op.cancel();
      demo.log(`#${starredId}: cancel() at ${percent}%: canceled at once; the body unwinds in its worker`);
      void starred.op[Symbol.asyncDispose]().then(() => {
        const reached = Atomics.load(starred.shared, 1).toLocaleString("en-US");
        demo.log(`#${starredId}: the worker says its finally ran (it stopped at n = ${reached})`);
      });
    });

    // The stubborn one is canceled once it runs: canceled at once, its thread terminated after the grace period.
    const stubbornId = stubborn.id;
    const onStubborn = stubborn.onProgress(() => {
      onStubborn[Symbol.dispose]();
      const canceledAt = performance.now();
      stubborn.cancel();
      demo.log(`#${stubbornId}: cancel() while it runs; it ignores it, so its thread ends after ${graceMs} ms`);
      void stubborn[Symbol.asyncDispose]().then(() => {
        const after = Math.round(performance.now() - canceledAt);
        const ranFinally = Atomics.load(stubbornNotes, 0) === 1 ? "yes" : "no";
        demo.log(`#${stubbornId}: thread terminated ${after} ms after cancel (finally ran: ${ranFinally}); replaced`);
      });
    });

    const all = [stubborn, ...jobs.map((job) => job.op)];
    await Promise.allSettled(all);
    // Deterministic close: each waits for its body's finally blocks, or for its thread's termination.
    await Promise.all(all.map((op) => op[Symbol.asyncDispose]()));
  } finally {
    await pool.close();
  }
}
