// DESIGN 4.2: canceling an active job announces it to every serve; the one holding it aborts the body's
// ctx.signal (reason: a CanceledError); the job ends failed with a canceled marker, is never retried, and reads
// canceled in every client and in attach.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("cancel of an active job", () => {
  it("aborts the body's signal, fails the job once (no retry) and reads canceled everywhere", async () => {
    const name = uniqueQueue("cancel-active");
    const entered = gate();
    const reasons: unknown[] = [];
    let runs = 0;
    const unwound = gate();
    const tasks = {
      async hold(_input: null, ctx: { signal: AbortSignal }) {
        runs++;
        entered.open();
        try {
          await new Promise((_resolve, reject) => {
            ctx.signal.addEventListener("abort", () => {
              reasons.push(ctx.signal.reason);
              reject(ctx.signal.reason);
            });
          });
        } finally {
          unwound.open();
        }
      },
    };
    await useServer(name, tasks);
    await useServer(name, tasks); // a second consumer on the same queue, which must ignore the announcement
    const client = useClient<typeof tasks>(name);
    const watcher = useClient<typeof tasks>(name);
    const op = client.run("hold", null, { job: { attempts: 5 } });
    await entered.promise;
    const watching = watcher.attach(op.jobId);
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await unwound.promise;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(CanceledError);
    expect(await rejection(watching)).toBeInstanceOf(CanceledError);
    expect(watching.status).toBe(AsyncStatus.canceled);
    const queue = rawQueue(name);
    expect(await queue.getJobState(op.jobId)).toBe("failed");
    expect((await queue.getJob(op.jobId))?.attemptsMade).toBe(1);
    expect(runs).toBe(1);
    const later = watcher.attach(op.jobId);
    expect(await rejection(later)).toBeInstanceOf(CanceledError);
    expect(later.status).toBe(AsyncStatus.canceled);
  });

  it("asyncDispose of the canceled operation waits until the job has ended", async () => {
    const name = uniqueQueue("cancel-dispose");
    const entered = gate();
    let finished = false;
    const tasks = {
      async hold(_input: null, ctx: { signal: AbortSignal }) {
        entered.open();
        try {
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
        } finally {
          finished = true;
        }
      },
    };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const op = client.run("hold", null);
    await entered.promise;
    await op[Symbol.asyncDispose]();
    expect(finished).toBe(true);
    await vi.waitFor(async () => expect(await rawQueue(name).getJobState(op.jobId)).toBe("failed"));
  });
});
