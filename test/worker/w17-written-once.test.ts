// DESIGN 4: a task is written once and run anywhere. The very functions a worker module exposes run in-process
// through AsyncOperationWithProgress.run with the same ctx and give the same outcome as on a pool; on the main
// thread, or in a thread no pool started, expose only returns the tasks and answers nobody.
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { AsyncOperationWithProgress, AsyncStatus, CanceledError } from "../../src/index.js";
import { type AnyTasks, fixturePool, tasksUrl } from "../helpers/worker.js";

const { tasks } = (await import(tasksUrl.href)) as { tasks: AnyTasks };

describe("a task is written once", () => {
  it("runs in-process and on a pool with the same result and progress", async () => {
    await using pool = fixturePool();
    const local = AsyncOperationWithProgress.run<number, number>((ctx) => tasks["steps"]!(3, ctx));
    const remote = pool.run("steps", 3);
    const seen: Record<string, unknown[]> = { local: [], remote: [] };
    local.onProgress((value) => seen["local"]!.push(value));
    remote.onProgress((value) => seen["remote"]!.push(value));
    expect(await local).toBe(await remote);
    // In-process the body starts inside run (hot start): its first report comes before a listener can be added.
    expect(seen["local"]).toEqual([2, 3]);
    expect(seen["remote"]).toEqual([1, 2, 3]);
  });

  it("a CPU-bound body sees the cancel through ctx.canceled in both places", async () => {
    await using pool = fixturePool();
    const run = (where: "local" | "remote") => {
      const buffer = new SharedArrayBuffer(32);
      const op =
        where === "local"
          ? AsyncOperationWithProgress.run((ctx) => Promise.resolve().then(() => tasks["spin"]!(buffer, ctx)))
          : pool.run("spin", buffer);
      return { op, flags: new Int32Array(buffer, 0, 4) };
    };
    for (const where of ["local", "remote"] as const) {
      const { op, flags } = run(where);
      op.cancel();
      await op.then(undefined, (reason: unknown) => expect(reason).toBeInstanceOf(CanceledError));
      expect(op.status).toBe(AsyncStatus.canceled);
      await op[Symbol.asyncDispose]();
      // Local: the body ran after the cancel and saw it at once; remote: it never started (canceled first).
      expect(Atomics.load(flags, 1)).toBe(where === "local" ? 1 : 0);
    }
  });

  it("in a thread that no pool started, expose registers nothing: the thread ends by itself", async () => {
    const worker = new Worker(tasksUrl);
    const messages: unknown[] = [];
    worker.on("message", (message) => messages.push(message));
    const code = await new Promise<number>((resolve, reject) => {
      worker.once("exit", resolve);
      worker.once("error", reject);
    });
    expect(code).toBe(0);
    expect(messages).toEqual([]);
  });
});
