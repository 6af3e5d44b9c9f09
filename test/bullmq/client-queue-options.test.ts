// JobClient takes BullMQ's defaultJobOptions and offers the underlying Queue (issue 17 item 10): every job gets the
// default options (a run's own job options win), and `client.queue` answers counts and pauses the queue.
import { describe, expect, it, vi } from "vitest";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("JobClient and BullMQ's Queue", () => {
  it("applies defaultJobOptions to every job and exposes the Queue", async () => {
    const name = uniqueQueue("client-queue");
    let calls = 0;
    const tasks = {
      flaky(n: number) {
        if (++calls < 3) throw new Error("not yet");
        return n;
      },
    };
    const client = useClient<typeof tasks>(name, { defaultJobOptions: { attempts: 3, backoff: { type: "fixed", delay: 10 } } });
    await client.queue.pause();
    const op = client.run("flaky", 5);
    await vi.waitFor(async () => expect(await client.queue.getWaitingCount()).toBe(1));
    expect(await client.queue.isPaused()).toBe(true);
    await useServer(name, tasks);
    await client.queue.resume();
    expect(await op).toBe(5); // the third attempt, from defaultJobOptions
    expect(calls).toBe(3);
    expect((await client.queue.getJob(op.jobId))?.opts.attempts).toBe(3);
  });
});
