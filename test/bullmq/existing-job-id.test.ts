// A run whose job id already exists follows that job (issue 17 item 3): BullMQ answers such an add with
// "duplicated" (or, with its `deduplication` option, with the id of the job it kept) and no end event ever comes
// for the new add, so the operation reads the existing job's state: completed, failed and canceled jobs end it
// that way, a running one is followed to its end.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

const tasks = {
  double: (n: number) => n * 2,
  fail(message: string): never {
    throw new RangeError(message);
  },
  async hold(_input: null, ctx: AsyncProgressContext<never>) {
    await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
    ctx.throwIfCanceled();
  },
};

describe("a run whose job id already exists", () => {
  it("ends as the completed job did", async () => {
    const name = uniqueQueue("dup-completed");
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    expect(await client.run("double", 2, { job: { jobId: "dup-a" } })).toBe(4);
    const again = client.run("double", 5, { job: { jobId: "dup-a" } });
    expect(again.jobId).toBe("dup-a");
    expect(await again).toBe(4); // the existing job's result: BullMQ did not add the new one
  });

  it("ends as the failed job did", async () => {
    const name = uniqueQueue("dup-failed");
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    expect(await rejection(client.run("fail", "first", { job: { jobId: "dup-b" } }))).toBeInstanceOf(RangeError);
    const again = client.run("fail", "second", { job: { jobId: "dup-b" } });
    const error = await rejection(again);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe("first");
  });

  it("ends canceled when the job was canceled", async () => {
    const name = uniqueQueue("dup-canceled");
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const queue = rawQueue(name);
    const first = client.run("hold", null, { job: { jobId: "dup-c" } });
    await vi.waitFor(async () => expect(await queue.getJobState("dup-c")).toBe("active"));
    first.cancel();
    await vi.waitFor(async () => expect(await queue.getJobState("dup-c")).toBe("failed"));
    const again = client.run("hold", null, { job: { jobId: "dup-c" } });
    await rejection(again);
    expect(again.status).toBe(AsyncStatus.canceled);
  });

  it("follows a job that is still running to its end", async () => {
    const name = uniqueQueue("dup-running");
    const release = gate();
    const entered = gate();
    const slow = {
      async double(n: number) {
        entered.open();
        await release.promise;
        return n * 2;
      },
    };
    await useServer(name, slow);
    const client = useClient<typeof slow>(name);
    const first = client.run("double", 3, { job: { jobId: "dup-d" } });
    await entered.promise;
    const again = useClient<typeof slow>(name).run("double", 9, { job: { jobId: "dup-d" } });
    release.open();
    expect(await first).toBe(6);
    expect(await again).toBe(6);
  });

  it("follows the job BullMQ kept for the same deduplication id", async () => {
    const name = uniqueQueue("dup-dedup");
    const client = useClient<typeof tasks>(name);
    const queue = rawQueue(name);
    const first = client.run("double", 10, { job: { deduplication: { id: "same-work" } } });
    await vi.waitFor(async () => expect(await queue.getJobState(first.jobId)).toBe("waiting"));
    const second = client.run("double", 20, { job: { deduplication: { id: "same-work" } } });
    await vi.waitFor(() => expect(second.jobId).toBe(first.jobId));
    await useServer(name, tasks);
    expect(await first).toBe(20);
    expect(await second).toBe(20);
    expect(await queue.getJobCounts("completed", "waiting", "active")).toEqual({ completed: 1, waiting: 0, active: 0 });
  });
});
