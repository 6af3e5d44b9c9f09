// DESIGN 4.2: with `pool`, serve runs each job in a WorkerPool (winrt-async/worker): progress and results flow
// from the worker thread, and a cancel of a body that ignores its signal ends in the pool's forced termination,
// so the job still ends canceled and the consumer's slot is freed. Needs dist/ (npm test builds it).
import { threadId } from "node:worker_threads";
import { describe, expect, it, onTestFinished } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

type Tasks = {
  steps(n: number, ctx: { report(p: number): void }): { threadId: number };
  spin(input: null, ctx: { report(p: number): void }): never;
};

/** With a pool, serve's `tasks` only names what it serves: the bodies run from the pool's module. */
const names = { steps: () => undefined, spin: () => undefined };

function pool(): WorkerPool<Tasks> {
  const p = new WorkerPool<Tasks>(new URL("../fixtures/bullmq/worker-tasks.mjs", import.meta.url), {
    size: 1,
    cancelGraceMs: 50,
  });
  onTestFinished(() => p.close());
  return p;
}

describe("serve with a WorkerPool", () => {
  it("runs the job in a worker thread, with its progress", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("pool-run");
    await useServer(name, names, { pool: pool(), progressIntervalMs: 0 });
    const op = useClient<Tasks>(name).run("steps", 5);
    const progress: number[] = [];
    op.onProgress((p) => progress.push(p));
    const result = await op;
    expect(result.threadId).not.toBe(threadId);
    expect(progress.at(-1)).toBe(5);
  });

  it("cancels a body that ignores its signal by terminating its thread; the job ends canceled", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("pool-cancel");
    const workers = pool();
    await useServer(name, names, { pool: workers });
    const client = useClient<Tasks>(name);
    const op = client.run("spin", null);
    const queue = rawQueue(name);
    await new Promise((resolve) => op.onProgress(resolve)); // the body runs in its thread (and spins from now on)
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await op[Symbol.asyncDispose]();
    expect(await queue.getJobState(op.jobId)).toBe("failed");
    expect(await rejection(client.attach(op.jobId))).toBeInstanceOf(CanceledError);
    // The consumer's slot is free again: the next job runs (on the pool's replacement thread).
    expect((await client.run("steps", 1)).threadId).not.toBe(threadId);
  });
});
