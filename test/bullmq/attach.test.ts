// DESIGN 4.2: client.attach(jobId) returns an operation for a job that already exists (made by another client or
// before a restart): a finished job gives an operation ending that way, a running one follows the job, and an
// unknown id gives an operation in error (AsyncError, E_INVALIDARG).
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("JobClient.attach", () => {
  it("follows a running job made by another client, with the same jobId", async () => {
    const name = uniqueQueue("attach-running");
    const hold = gate();
    const entered = gate();
    const tasks = {
      async twice(n: number) {
        entered.open();
        await hold.promise;
        return n * 2;
      },
    };
    await useServer(name, tasks);
    const producer = useClient<typeof tasks>(name);
    const op = producer.run("twice", 21);
    await entered.promise;
    const other = useClient<typeof tasks>(name);
    const a = other.attach<"twice">(op.jobId);
    const b = other.attach<"twice">(op.jobId);
    expect(a.jobId).toBe(op.jobId);
    expect(a.status).toBe(AsyncStatus.started);
    expect(a).not.toBe(b);
    hold.open();
    expect(await Promise.all([op, a, b])).toEqual([42, 42, 42]);
  });

  it("gives a completed operation for a job that completed, and a failed one for a job that failed", async () => {
    const name = uniqueQueue("attach-finished");
    const tasks = {
      ok: () => "fine",
      bad(): never {
        throw new Error("nope");
      },
    };
    await useServer(name, tasks);
    const producer = useClient<typeof tasks>(name);
    const done = producer.run("ok");
    const failed = producer.run("bad");
    await done;
    await rejection(failed);
    const later = useClient<typeof tasks>(name);
    expect(await later.attach<"ok">(done.jobId)).toBe("fine");
    const attachedFailure = later.attach(failed.jobId);
    const error = await rejection(attachedFailure);
    expect(attachedFailure.status).toBe(AsyncStatus.error);
    expect((error as Error).message).toBe("nope");
  });

  it("gives an operation in error for an id that names no job", async () => {
    const name = uniqueQueue("attach-unknown");
    const client = useClient<{ ok(): string }>(name);
    const op = client.attach("no-such-job");
    expect(op.jobId).toBe("no-such-job");
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(AsyncError);
    expect((error as AsyncError).hresult).toBe(HResult.E_INVALIDARG);
  });
});
