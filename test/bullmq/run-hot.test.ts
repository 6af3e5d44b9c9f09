// DESIGN 4.2: client.run is hot: the operation exists at once, `started`, with a job id made by the client (or
// chosen with `job.jobId`); the BullMQ job is named after the task and carries the input; the op completes with
// the task's result. An already-aborted signal adds no job; a failed `add` ends the operation in `error`.
import { describe, expect, it } from "vitest";
import { AsyncOperationWithProgress, AsyncStatus } from "../../src/index.js";
import { JobClient } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("JobClient.run", () => {
  it("returns a started operation with a client-made job id, then completes with the task's result", async () => {
    const name = uniqueQueue("hot");
    const release = gate();
    const tasks = {
      async sum(input: { a: number; b: number }) {
        await release.promise;
        return input.a + input.b;
      },
    };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const op = client.run("sum", { a: 2, b: 40 }, { description: "answer" });
    expect(op).toBeInstanceOf(AsyncOperationWithProgress);
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.description).toBe("answer");
    expect(typeof op.jobId).toBe("string");
    expect(op.jobId).toMatch(/^[0-9a-z]{12}-[0-9a-z]+$/);
    const other = client.run("sum", { a: 1, b: 1 });
    expect(other.jobId).not.toBe(op.jobId);
    release.open();
    expect(await op).toBe(42);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(42);
    const job = await rawQueue(name).getJob(op.jobId);
    expect(job?.name).toBe("sum");
    expect(job?.data).toEqual({ a: 2, b: 40 });
    await other;
  });

  it("uses job.jobId from the run options as the job id", async () => {
    const name = uniqueQueue("jobid");
    const tasks = { echo: (input: string) => input };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const op = client.run("echo", "hi", { job: { jobId: "my-own-id" } });
    expect(op.jobId).toBe("my-own-id");
    expect(await op).toBe("hi");
    expect((await rawQueue(name).getJob("my-own-id"))?.returnvalue).toBe("hi");
  });

  it("adds no job when the signal is already aborted: the operation starts canceled", async () => {
    const name = uniqueQueue("preabort");
    const client = useClient<{ echo(input: string): string }>(name);
    const op = client.run("echo", "x", { signal: AbortSignal.abort() });
    expect(op.status).toBe(AsyncStatus.canceled);
    await client.close();
    expect(await rawQueue(name).getJob(op.jobId)).toBeUndefined();
  });

  it("ends the operation in error when the add fails", async () => {
    const name = uniqueQueue("addfail");
    // Nothing listens on port 1: ioredis gives up on the first request and BullMQ's add rejects.
    const client = new JobClient<{ echo(input: string): string }>(name, {
      connection: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false },
    });
    const op = client.run("echo", "x");
    expect(op.status).toBe(AsyncStatus.started);
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(Error);
    expect(op.errorCode).toBe(error);
    await client.close();
  });
});
