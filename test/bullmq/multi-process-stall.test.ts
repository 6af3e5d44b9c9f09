// A consumer killed with SIGKILL mid-job (DESIGN 4.2): BullMQ's stall handling returns the job to the queue and
// another consumer process runs it while the operation stays started; past maxStalledCount the operation ends in
// error with DisconnectedError (BullMQ's reason as cause). Needs dist/ (npm test builds it).
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { redisUrl, uniqueQueue, useClient } from "../helpers/bullmq.js";
import { startChild } from "../helpers/processes.js";

type Tasks = { work(input: { tag: string; hangIn: string }): { consumer: string } };

/** Short locks so that a stall is seen within about a second. */
const fastStalls = { lockDuration: 1000, stalledInterval: 300 };

async function killHolder(maxStalledCount: number) {
  const queue = uniqueQueue("mp-stall");
  const env = { REDIS_URL: redisUrl(), QUEUE: queue, SERVE_OPTIONS: JSON.stringify({ ...fastStalls, maxStalledCount }) };
  const a = startChild("bullmq/consumer.mjs", [], { ...env, CONSUMER_NAME: "A" });
  await a.next((l) => l.event === "ready");
  const client = useClient<Tasks>(queue);
  const op = client.run("work", { tag: "t", hangIn: "A" });
  await a.next((l) => l.event === "started" && l.tag === "t");
  const b = startChild("bullmq/consumer.mjs", [], { ...env, CONSUMER_NAME: "B" });
  await b.next((l) => l.event === "ready");
  a.process.kill("SIGKILL");
  expect(await a.exited).toEqual({ code: null, signal: "SIGKILL" });
  expect(op.status).toBe(AsyncStatus.started);
  return { op, b };
}

describe("a consumer killed mid-job", () => {
  it("has its job run by another consumer; the operation stays started, then completes", { timeout: 30_000 }, async () => {
    const { op, b } = await killHolder(1);
    const progress: number[] = [];
    op.onProgress((p) => progress.push(p as number));
    expect(await op).toEqual({ consumer: "B" });
    expect(b.lines.some((l) => l.event === "started" && l.tag === "t")).toBe(true);
    expect(progress.at(-1)).toBe(100);
    b.process.stdin!.end();
    expect(await b.exited).toEqual({ code: 0, signal: null });
  });

  it("ends in error with DisconnectedError past maxStalledCount", { timeout: 30_000 }, async () => {
    const { op, b } = await killHolder(0);
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(DisconnectedError);
    expect((error as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
    expect(((error as Error).cause as Error).message).toBe("job stalled more than allowable limit");
    expect(b.lines.some((l) => l.event === "started" && l.tag === "t")).toBe(false);
    b.process.stdin!.end();
    expect(await b.exited).toEqual({ code: 0, signal: null });
  });
});
