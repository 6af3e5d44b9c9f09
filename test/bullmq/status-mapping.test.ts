// DESIGN 4.2 status mapping: waiting, delayed, active and waiting for a retry read `started`; completed ->
// `completed`; failed for good -> `error`; removed -> `canceled`. Retries (`attempts`, `backoff`) stay BullMQ's.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { nextEvent, rawEvents, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("status mapping", () => {
  it("reads started while the job waits (no consumer yet), is delayed, and is active", async () => {
    const name = uniqueQueue("states");
    const queue = rawQueue(name);
    const release = gate();
    const entered = gate();
    const tasks = {
      async hold() {
        entered.open();
        await release.promise;
        return "done";
      },
    };
    const client = useClient<typeof tasks>(name);
    const waiting = client.run("hold");
    const delayed = client.run("hold", undefined, { job: { delay: 60_000 } });
    await vi.waitFor(async () => expect(await queue.getJobState(waiting.jobId)).toBe("waiting"));
    await vi.waitFor(async () => expect(await queue.getJobState(delayed.jobId)).toBe("delayed"));
    expect(waiting.status).toBe(AsyncStatus.started);
    expect(delayed.status).toBe(AsyncStatus.started);
    await useServer(name, tasks);
    await entered.promise;
    expect(await queue.getJobState(waiting.jobId)).toBe("active");
    expect(waiting.status).toBe(AsyncStatus.started);
    release.open();
    expect(await waiting).toBe("done");
    expect(waiting.status).toBe(AsyncStatus.completed);
    delayed.cancel();
  });

  it("stays started across retries and completes when a later attempt succeeds", async () => {
    const name = uniqueQueue("retry");
    const events = await rawEvents(name);
    let attempts = 0;
    const tasks = {
      flaky() {
        attempts++;
        if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
        return attempts;
      },
    };
    const client = useClient<typeof tasks>(name);
    const op = client.run("flaky", undefined, { job: { attempts: 3, backoff: { type: "fixed", delay: 10 } } });
    const retried = nextEvent(events, "delayed", op.jobId);
    await useServer(name, tasks);
    await retried; // the first attempt failed and BullMQ scheduled a retry
    expect(op.status).toBe(AsyncStatus.started);
    expect(await op).toBe(3);
    expect(op.status).toBe(AsyncStatus.completed);
  });

  it("ends in error once the job fails for good", async () => {
    const name = uniqueQueue("failed");
    const tasks = {
      broken(): never {
        throw new RangeError("out of range");
      },
    };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const op = client.run("broken", undefined, { job: { attempts: 2 } });
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(RangeError);
    const job = await rawQueue(name).getJob(op.jobId);
    expect(job?.attemptsMade).toBe(2);
  });

  it("reads canceled when the job is removed by someone else", async () => {
    const name = uniqueQueue("removed");
    const queue = rawQueue(name);
    const client = useClient<{ never(): void }>(name);
    const op = client.run("never");
    await vi.waitFor(async () => expect(await queue.getJobState(op.jobId)).toBe("waiting"));
    await queue.remove(op.jobId);
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(error).toBeInstanceOf(CanceledError);
  });
});
