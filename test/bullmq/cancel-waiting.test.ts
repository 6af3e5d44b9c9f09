// DESIGN 4.2: op.cancel() makes the operation canceled at once; a waiting or delayed job is removed.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient } from "../helpers/bullmq.js";

describe("cancel of a job no consumer holds", () => {
  for (const [state, job] of [
    ["waiting", {}],
    ["delayed", { delay: 60_000 }],
  ] as const) {
    it(`reads canceled at once and removes the ${state} job`, async () => {
      const name = uniqueQueue(`cancel-${state}`);
      const queue = rawQueue(name);
      const client = useClient<{ work(input: number): number }>(name);
      const op = client.run("work", 1, { job });
      await vi.waitFor(async () => expect(await queue.getJobState(op.jobId)).toBe(state));
      op.cancel();
      expect(op.status).toBe(AsyncStatus.canceled);
      expect(await rejection(op)).toBeInstanceOf(CanceledError);
      await op[Symbol.asyncDispose](); // resolves once the job is gone
      expect(await queue.getJob(op.jobId)).toBeUndefined();
    });
  }

  it("removes the job even when cancel() comes before the add finished", async () => {
    const name = uniqueQueue("cancel-early");
    const queue = rawQueue(name);
    const client = useClient<{ work(input: number): number }>(name);
    const op = client.run("work", 1);
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await op[Symbol.asyncDispose]();
    expect(await queue.getJob(op.jobId)).toBeUndefined();
  });
});
