// DESIGN 4.2: one QueueEvents subscription per client, dispatching by job id: however many operations a client
// has in flight, it holds one events connection to Redis (no waitUntilFinished, no listener per job).
import { describe, expect, it, vi } from "vitest";
import { gate } from "../helpers/fixtures.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

async function eventsConnections(queue: ReturnType<typeof rawQueue>, name: string): Promise<number> {
  const redis = (await queue.getBackend().client) as unknown as { client(...args: string[]): Promise<string> };
  const list = await redis.client("LIST");
  const eventsName = `name=bull:${Buffer.from(name).toString("base64")}:qe `;
  return list.split("\n").filter((line) => line.includes(eventsName)).length;
}

describe("one QueueEvents per client", () => {
  it("keeps one events connection with 200 operations in flight, and each gets its own result", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("one-sub");
    const release = gate();
    const tasks = {
      async square(n: number) {
        await release.promise;
        return n * n;
      },
    };
    await useServer(name, tasks, { concurrency: 200 });
    const client = useClient<typeof tasks>(name);
    const queue = rawQueue(name);
    const ops = Array.from({ length: 200 }, (_, i) => client.run("square", i));
    await vi.waitFor(async () => expect(await eventsConnections(queue, name)).toBe(1));
    release.open();
    expect(await Promise.all(ops)).toEqual(Array.from({ length: 200 }, (_, i) => i * i));
    expect(await eventsConnections(queue, name)).toBe(1);
  });
});
