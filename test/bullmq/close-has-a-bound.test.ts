// server.close() and client.close() resolve within their documented bound in every case (issue 17 item 2): Redis
// dying during the close or in the same tick, a client closed long after Redis died (its trim check is queued in
// ioredis' offline queue by then), and a body without a pool that ignores its cancel (close resolves at its bound;
// the job stalls and another consumer runs it, as after a crash). Each test that stops a Redis starts its own.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { Queue } from "bullmq";
import { DisconnectedError, type AsyncProgressContext } from "../../src/index.js";
import { JobClient, serve } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";
import { connectionOf, startRedis } from "../support/redis-server.mjs";

async function ownRedis() {
  const redis = await startRedis();
  onTestFinished(() => redis.stop());
  return redis;
}

/** A serve on its own Redis whose one job waits for its cancel, with a client that started that job. */
async function runningJob(label: string) {
  const redis = await ownRedis();
  const options = connectionOf(redis.url);
  const name = uniqueQueue(label);
  const entered = gate();
  const aborted = gate();
  const tasks = {
    async hold(_input: null, ctx: AsyncProgressContext<never>) {
      entered.open();
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      aborted.open();
    },
  };
  // A grace period longer than the test: only the lost connection may end the close early.
  const server = serve(name, tasks, { connection: options, closeGraceMs: 600_000, closeTimeoutMs: 500, onError: () => {} });
  onTestFinished(() => server.close());
  await server.ready;
  const client = new JobClient<typeof tasks>(name, { connection: options, closeTimeoutMs: 500, onError: () => {} });
  onTestFinished(() => client.close());
  const op = client.run("hold", null);
  void rejection(op); // it ends DisconnectedError when the client closes
  await entered.promise;
  return { redis, server, client, op, aborted };
}

describe("close has a bound", () => {
  it("server.close() resolves and cancels the body when Redis dies during the close", { timeout: 20_000 }, async () => {
    const { redis, server, aborted } = await runningJob("close-dies-during");
    const closed = server.close();
    await redis.stop();
    await closed;
    await aborted.promise;
  });

  it("server.close() resolves and cancels the body when Redis died in the same tick", { timeout: 20_000 }, async () => {
    const { redis, server, aborted } = await runningJob("close-dies-same-tick");
    process.kill(redis.pid!, "SIGKILL");
    await server.close();
    await aborted.promise;
    await redis.stop();
  });

  it("client.close() resolves long after Redis died, and ends the pending operation with DisconnectedError", { timeout: 20_000 }, async () => {
    const redis = await ownRedis();
    const options = connectionOf(redis.url);
    const name = uniqueQueue("close-client-late");
    const errors: unknown[] = [];
    const client = new JobClient<{ work(n: number): number }>(name, {
      connection: options,
      resyncIntervalMs: 20,
      closeTimeoutMs: 500,
      onError: (error) => errors.push(error),
    });
    onTestFinished(() => client.close());
    const op = client.run("work", 1); // no consumer: it stays waiting
    const failure = rejection(op);
    const queue = new Queue(name, { connection: options });
    await vi.waitFor(async () => expect(await queue.getJobState(op.jobId)).toBe("waiting")); // the add reached Redis
    await queue.close();
    await redis.stop();
    // Several trim checks (every 20 ms) now sit in ioredis' offline queue.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.close();
    expect(await failure).toBeInstanceOf(DisconnectedError);
  });

  it("server.close() without a pool resolves at its bound when a body ignores its cancel; the job stalls and moves on", { timeout: 30_000 }, async () => {
    const name = uniqueQueue("close-ignored-cancel");
    const entered = gate();
    const release = gate();
    onTestFinished(() => release.open());
    const stubborn = {
      async work(n: number) {
        entered.open();
        await release.promise; // never looks at ctx.signal
        return -n;
      },
    };
    const server = serve(name, stubborn, {
      connection: connection(),
      closeGraceMs: 0,
      closeTimeoutMs: 200,
      lockDuration: 1000,
      stalledInterval: 300, // BullMQ's stall checks of every worker of the queue wait for the last one's interval
      onError: () => {},
    });
    await server.ready;
    const client = useClient<typeof stubborn>(name);
    const op = client.run("work", 4);
    await entered.promise;
    await server.close(); // before the fix: waits for the body forever
    expect(await rawQueue(name).getJobState(op.jobId)).toBe("active"); // not failed: it stalls
    // Another consumer takes the job once its lock expired (its stall check returns it to the queue).
    await useServer(name, { work: (n: number) => n * 10 }, { stalledInterval: 300 });
    expect(await op).toBe(40);
  });
});
