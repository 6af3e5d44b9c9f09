// The winrt-async contender of bench/worker.bench.mjs: the trivial task, plus the cancel-latency probes.
import { expose } from "../../dist/worker/index.js";

expose({
  inc: (x) => x + 1,
  // Waits in await; when ctx.signal aborts, writes process.hrtime.bigint() into the shared stamp and ends.
  waitCancel(shared, ctx) {
    const stamp = new BigInt64Array(shared, 0, 1);
    const ready = new Int32Array(shared, 8, 1);
    return new Promise((resolve) => {
      const aborted = () => {
        stamp[0] = process.hrtime.bigint();
        resolve();
      };
      if (ctx.signal.aborted) aborted();
      else ctx.signal.addEventListener("abort", aborted);
      Atomics.store(ready, 0, 1);
      Atomics.notify(ready, 0);
    });
  },
  // Crashes its thread: writes the time, then calls process.exit.
  exitNow(shared) {
    new BigInt64Array(shared, 0, 1)[0] = process.hrtime.bigint();
    process.exit(1);
  },
  // Ignores cancellation: a CPU-bound loop that only a termination stops.
  stubborn(shared) {
    const ready = new Int32Array(shared, 8, 1);
    Atomics.store(ready, 0, 1);
    Atomics.notify(ready, 0);
    for (;;);
  },
  // A CPU-bound loop polling ctx.canceled (the shared flag): writes the time it saw the cancel.
  spinCancel(shared, ctx) {
    const stamp = new BigInt64Array(shared, 0, 1);
    const ready = new Int32Array(shared, 8, 1);
    Atomics.store(ready, 0, 1);
    Atomics.notify(ready, 0);
    while (!ctx.canceled);
    stamp[0] = process.hrtime.bigint();
  },
});
