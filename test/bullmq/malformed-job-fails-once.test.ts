// A job whose data or options are not valid JSON (written by another producer, or by hand) fails once, with a
// TypeError saying which field, and the consumer goes on serving (issue 17 item 4). BullMQ parses both fields
// while it takes the job, before any processor runs; without care the job stays active and nothing says why.
import { describe, expect, it, vi } from "vitest";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

const tasks = { echo: (n: number) => n };

describe.each(["data", "opts"])("a job whose %s is not JSON", (field) => {
  it("fails once with a TypeError, and the consumer keeps serving", { timeout: 20_000 }, async () => {
    const name = uniqueQueue(`malformed-${field}`);
    const client = useClient<typeof tasks>(name);
    const queue = rawQueue(name);
    const bad = client.run("echo", 1);
    const failure = rejection(bad);
    await vi.waitFor(async () => expect(await queue.getJobState(bad.jobId)).toBe("waiting"));
    const redis = (await queue.getBackend().client) as unknown as { hset(...args: unknown[]): Promise<number> };
    await redis.hset(queue.toKey(bad.jobId), field, "{not json");
    await useServer(name, tasks, { onError: () => {} });
    expect(await failure).toBeInstanceOf(TypeError);
    expect(await queue.getJobState(bad.jobId)).toBe("failed");
    expect(await client.run("echo", 2)).toBe(2);
  });
});
