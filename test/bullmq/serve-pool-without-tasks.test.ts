// serve(queueName, pool, options) runs every job in a WorkerPool without a dummy tasks object (issue 17 item 10):
// the task names are the pool's. Needs dist/ (npm test builds it).
import { threadId } from "node:worker_threads";
import { describe, expect, it, onTestFinished } from "vitest";
import { serve } from "../../src/bullmq/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { caught } from "../helpers/caught.js";
import { connection, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

type Tasks = { steps(n: number, ctx: { report(p: number): void }): { threadId: number } };

function pool(): WorkerPool<Tasks> {
  const p = new WorkerPool<Tasks>(new URL("../fixtures/bullmq/worker-tasks.mjs", import.meta.url), { size: 1 });
  onTestFinished(() => p.close());
  return p;
}

describe("serve with a pool in place of tasks", () => {
  it("runs the pool's tasks on a worker thread", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("pool-only");
    await useServer(name, pool(), { progressIntervalMs: 0 });
    const op = useClient<Tasks>(name).run("steps", 3);
    const progress: number[] = [];
    op.onProgress((p) => progress.push(p));
    expect((await op).threadId).not.toBe(threadId);
    expect(progress.at(-1)).toBe(3);
  });

  it("refuses a pool given twice with a TypeError", () => {
    const p = pool();
    expect(caught(() => serve(uniqueQueue("pool-twice"), p, { connection: connection(), pool: p }))).toBeInstanceOf(TypeError);
  });
});
