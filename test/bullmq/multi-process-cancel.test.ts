// Cross-process cancel (DESIGN 4.2): a producer cancels a job that one of two consumer processes is running; the
// holder's ctx.signal aborts with a CanceledError, the other consumer never runs it, the job ends failed with the
// canceled marker (not retried), and every process exits by itself afterwards. Needs dist/ (npm test builds it).
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, redisUrl, uniqueQueue, useClient } from "../helpers/bullmq.js";
import { startChild, type Line } from "../helpers/processes.js";

describe("cancel across processes", () => {
  it("aborts the body in the consumer process that holds the job", { timeout: 30_000 }, async () => {
    const queue = uniqueQueue("mp-cancel");
    const env = { REDIS_URL: redisUrl(), QUEUE: queue };
    const a = startChild("bullmq/consumer.mjs", [], { ...env, CONSUMER_NAME: "A" });
    const b = startChild("bullmq/consumer.mjs", [], { ...env, CONSUMER_NAME: "B" });
    await Promise.all([a.next((l) => l.event === "ready"), b.next((l) => l.event === "ready")]);

    const client = useClient<{ hold(input: { tag: string }): { consumer: string } }>(queue);
    const op = client.run("hold", { tag: "t1" }, { job: { attempts: 3 } });
    const isStart = (l: Line): boolean => l.event === "started" && l.tag === "t1";
    const started = await Promise.race([a.next(isStart), b.next(isStart)]);
    const [holder, other] = started.consumer === "A" ? [a, b] : [b, a];

    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    const aborted = await holder.next((l) => l.event === "aborted" && l.tag === "t1");
    expect(aborted.reason).toBe("CanceledError");
    await holder.next((l) => l.event === "unwound" && l.tag === "t1");
    await op[Symbol.asyncDispose](); // the job has ended
    expect(await rejection(useClient(queue).attach(op.jobId))).toBeInstanceOf(CanceledError);
    const job = await rawQueue(queue).getJob(op.jobId);
    expect(job?.attemptsMade).toBe(1);
    expect(other.lines.some(isStart)).toBe(false);

    a.process.stdin!.end();
    b.process.stdin!.end();
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(a.stderr()).toBe("");
    expect(b.stderr()).toBe("");
  });
});
