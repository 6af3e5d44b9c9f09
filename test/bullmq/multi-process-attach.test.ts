// attach from a fresh process after the producer exited (DESIGN 4.2): the producer process adds a job, closes
// its client (its operation ends DisconnectedError, the job goes on) and exits by itself; a new process attaches
// by job id, gets the current progress once, and follows the job to its end. Needs dist/ (npm test builds it).
import { describe, expect, it } from "vitest";
import { redisUrl, uniqueQueue, useClient } from "../helpers/bullmq.js";
import { startChild } from "../helpers/processes.js";

describe("attach from another process", () => {
  it("follows a job whose producer has exited", { timeout: 30_000 }, async () => {
    const queue = uniqueQueue("mp-attach");
    const env = { REDIS_URL: redisUrl(), QUEUE: queue };
    const consumer = startChild("bullmq/consumer.mjs", [], { ...env, CONSUMER_NAME: "A" });
    await consumer.next((l) => l.event === "ready");

    const producer = startChild("bullmq/producer.mjs", ["run", "job-1"], env);
    const { jobId } = await producer.next((l) => l.event === "added");
    const closed = await producer.next((l) => l.event === "closed");
    expect(closed.outcome).toBe("DisconnectedError");
    expect(await producer.exited).toEqual({ code: 0, signal: null });

    const attacher = startChild("bullmq/producer.mjs", ["attach", String(jobId)], env);
    const current = await attacher.next((l) => l.event === "progress");
    expect(current.progress).toEqual({ step: 1 });
    // End the job from here: the attached process sees it canceled.
    useClient(queue).attach(String(jobId)).cancel();
    const ended = await attacher.next((l) => l.event === "ended");
    expect(ended).toEqual({ event: "ended", name: "CanceledError", canceled: true });
    expect(await attacher.exited).toEqual({ code: 0, signal: null });
    expect(attacher.lines.filter((l) => l.event === "progress")).toHaveLength(1);
    await consumer.next((l) => l.event === "aborted" && l.tag === "job-1");

    consumer.process.stdin!.end();
    expect(await consumer.exited).toEqual({ code: 0, signal: null });
    expect(producer.stderr() + attacher.stderr() + consumer.stderr()).toBe("");
  });
});
