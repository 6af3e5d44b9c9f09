// One bad event poisons nothing (issue 17 item 5): a progress event whose data is not JSON (a foreign worker's
// `updateProgress(undefined)`), a malformed row in the events stream, and a job whose stored progress is not JSON
// are reported through onError and skipped; each operation follows its job's state, and the client's later
// operations still end.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { Worker } from "bullmq";
import { gate } from "../helpers/fixtures.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

type Tasks = { echo(n: number): number };

describe("a bad event", () => {
  it("skips a foreign progress event whose data is not JSON", async () => {
    const name = uniqueQueue("bad-progress");
    const worker = new Worker(
      name,
      async (job) => {
        await job.updateProgress(undefined as unknown as number); // BullMQ writes the string "undefined"
        return (job.data as number) + 1;
      },
      { connection: connection() },
    );
    try {
      const errors: unknown[] = [];
      const client = useClient<Tasks>(name, { onError: (error) => errors.push(error) });
      expect(await client.run("echo", 1)).toBe(2);
      expect(await client.run("echo", 2)).toBe(3); // dispatch goes on
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
  });

  it("skips a malformed row of the events stream and follows the job's state", async () => {
    const name = uniqueQueue("bad-row");
    const entered = gate();
    const release = gate();
    const tasks = {
      async echo(n: number) {
        entered.open();
        await release.promise;
        return n;
      },
    };
    await useServer(name, tasks);
    const errors: unknown[] = [];
    const client = useClient<typeof tasks>(name, { onError: (error) => errors.push(error) });
    const queue = rawQueue(name);
    const op = client.run("echo", 5);
    await entered.promise;
    const redis = (await queue.getBackend().client) as unknown as { xadd(...args: unknown[]): Promise<string> };
    await redis.xadd(queue.keys["events"]!, "*", "event", "completed", "jobId", op.jobId, "returnvalue", "{not json");
    await redis.xadd(queue.keys["events"]!, "*", "event", "progress", "jobId", op.jobId, "data", "[1,");
    release.open();
    expect(await op).toBe(5);
    expect(await client.run("echo", 6)).toBe(6);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("attaches to a running job whose stored progress is not JSON, and follows it to its end", async () => {
    const name = uniqueQueue("bad-attach");
    const entered = gate();
    const release = gate();
    const tasks = {
      async echo(n: number) {
        entered.open();
        await release.promise;
        return n;
      },
    };
    await useServer(name, tasks);
    const producer = useClient<typeof tasks>(name);
    const queue = rawQueue(name);
    const op = producer.run("echo", 8);
    await entered.promise;
    const redis = (await queue.getBackend().client) as unknown as { hset(...args: unknown[]): Promise<number> };
    await redis.hset(queue.toKey(op.jobId), "progress", "{half");
    const errors: unknown[] = [];
    const attached = useClient<typeof tasks>(name, { onError: (error) => errors.push(error) }).attach<"echo">(op.jobId);
    await vi.waitFor(() => expect(errors[0]).toBeInstanceOf(TypeError)); // the attach read the bad progress, skipped it
    expect(attached.status).toBe(AsyncStatus.started);
    release.open();
    expect(await attached).toBe(8);
  });
});
