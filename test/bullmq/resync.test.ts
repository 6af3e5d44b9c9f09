// DESIGN 4.2: one QueueEvents subscription per client, with the state re-read after reconnects and for events
// trimmed from the stream, so no operation waits forever for an event it missed. The client reaches Redis through
// a TCP proxy that loses the connection or holds it while the job ends and its events are trimmed away.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";
import { startProxy } from "../support/tcp-proxy.js";

async function setUp(label: string, resyncIntervalMs: number) {
  const name = uniqueQueue(label);
  const direct = connection();
  const proxy = await startProxy(direct.host, direct.port);
  onTestFinished(() => proxy.close());
  const entered = gate();
  const report = gate();
  const finish = gate();
  const tasks = {
    async hold(_input: null, ctx: AsyncProgressContext<string>) {
      entered.open();
      await report.promise;
      ctx.report("halfway");
      await finish.promise;
      return "done";
    },
  };
  await useServer(name, tasks, { progressIntervalMs: 0 });
  const client = useClient<typeof tasks>(name, {
    connection: { ...direct, port: proxy.port },
    resyncIntervalMs,
  });
  const queue = rawQueue(name);
  const op = client.run("hold", null);
  await entered.promise;
  return { proxy, op, queue, report, finish, name };
}

/** Ends the job while the client cannot read, then trims the job's events from the stream (one newer entry stays). */
async function finishAndTrim(queue: ReturnType<typeof rawQueue>, finish: { open(): void }, jobId: string) {
  finish.open();
  await vi.waitFor(async () => expect(await queue.getJobState(jobId)).toBe("completed"));
  await queue.add("other", null); // a newer entry, so the stream is not empty after trimming
  const redis = (await queue.getBackend().client) as unknown as { xtrim(...args: unknown[]): Promise<number> };
  await redis.xtrim(queue.keys["events"]!, "MAXLEN", 1);
}

describe("missed events", () => {
  it("re-reads the job's state after a reconnect", { timeout: 20_000 }, async () => {
    const { proxy, op, queue, report, finish } = await setUp("resync-reconnect", 0); // no trim checks: only the reconnect can save it
    report.open();
    proxy.drop();
    await finishAndTrim(queue, finish, op.jobId);
    expect(op.status).toBe(AsyncStatus.started);
    proxy.restore();
    expect(await op).toBe("done");
  });

  it("re-reads the job's state when events it had not read were trimmed", { timeout: 20_000 }, async () => {
    const { proxy, op, queue, report, finish, name } = await setUp("resync-trim", 50);
    // Wait until the client's QueueEvents is blocked in XREAD at Redis, so that read returns the progress below.
    const redis = (await queue.getBackend().client) as unknown as { client(...args: string[]): Promise<string> };
    const eventsClient = `bull:${Buffer.from(name).toString("base64")}:qe`;
    await vi.waitFor(async () => {
      const list = await redis.client("LIST");
      const line = list.split("\n").find((entry) => entry.includes(`name=${eventsClient} `));
      expect(line).toMatch(/ flags=b .* cmd=xread/);
    });
    proxy.hold(); // the client's next XREAD stays in the proxy; the one already at Redis still returns
    const progressed = new Promise((resolve) => op.onProgress(resolve));
    report.open();
    expect(await progressed).toBe("halfway");
    await finishAndTrim(queue, finish, op.jobId);
    expect(op.status).toBe(AsyncStatus.started);
    proxy.release();
    expect(await op).toBe("done");
  });
});
