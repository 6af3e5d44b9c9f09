import type { Queue } from "bullmq";
import type { Redis } from "ioredis";

/**
 * The queue's own ioredis client, for the few commands BullMQ has no method for (reading the events stream's
 * ends, the raw progress field, publishing a cancel). BullMQ 6 types it as its backend-neutral client; with the
 * Redis backend (the one this adapter supports) it is an ioredis client.
 */
export async function redisOf(queue: Queue): Promise<Redis> {
  return (await queue.getBackend().client) as unknown as Redis;
}
