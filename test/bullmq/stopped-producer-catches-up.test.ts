// A producer that fell behind catches up (issue 17 item 6): a producer process adds 300 jobs and is stopped
// (SIGSTOP) while a consumer runs them all and BullMQ trims their events from the stream; once it continues
// (SIGCONT) it reads the rest of the stream quickly, and every one of its operations must still settle. The gap
// is detected on the read itself, not by a periodic check (the fixture sets that one 60 s away).
import { describe, expect, it, vi } from "vitest";
import { rawQueue, redisUrl, uniqueQueue, useServer } from "../helpers/bullmq.js";
import { startChild } from "../helpers/processes.js";

const COUNT = 300;

describe("a producer that fell behind", () => {
  it("settles every operation after a SIGSTOP during which its events were trimmed", { timeout: 40_000 }, async () => {
    const name = uniqueQueue("catch-up");
    const queue = rawQueue(name);
    const producer = startChild("bullmq/burst-producer.mjs", [], { REDIS_URL: redisUrl(), QUEUE: name, COUNT: String(COUNT) });
    await vi.waitFor(async () => expect(await queue.getWaitingCount()).toBe(COUNT), { timeout: 20_000, interval: 50 });
    producer.process.kill("SIGSTOP");
    try {
      // Keep only a few events from now on (BullMQ reads the limit from the queue's meta hash).
      const redis = (await queue.getBackend().client) as unknown as { hset(...args: unknown[]): Promise<number> };
      await redis.hset(queue.keys["meta"]!, "opts.maxLenEvents", 20);
      await useServer(name, { echo: (n: number) => n }, { concurrency: 50 });
      await vi.waitFor(async () => expect(await queue.getCompletedCount()).toBe(COUNT), { timeout: 20_000, interval: 100 });
      await queue.add("pad", null); // one more event, so the stream's oldest entry is newer than what the producer read
    } finally {
      producer.process.kill("SIGCONT");
    }
    const settled = await producer.next((line) => line.event === "settled");
    expect(settled.outcome).toBe(String(COUNT));
    expect(await producer.exited).toEqual({ code: 0, signal: null });
  });
});
