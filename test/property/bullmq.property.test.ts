// winrt-async/bullmq as properties. JobClient.run accepts exactly the input JSON carries unchanged: any JSON value
// passes (and a job with that very data is added), and a value with one thing JSON would change, anywhere inside,
// throws TypeError before anything is added. The progress throttle (fake clock) sends values in report order,
// never two within one interval except the flush, and always the last value reported before the flush.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { ProgressThrottle } from "../../src/bullmq/progress-throttle.js";
import { rawQueue, uniqueQueue, useClient } from "../helpers/bullmq.js";

/** Things JSON.stringify would drop or change. */
const notJson = fc.oneof(
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.bigInt(),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
  fc.date().map((d) => d as unknown),
  fc.constant(new Map()),
  fc.constant(new Uint8Array(2)),
);

/** Puts `bad` somewhere inside `json` (as an array item, so even `undefined` is refused). */
function plant(json: unknown, bad: unknown, path: number[]): unknown {
  if (path.length === 0 || json === null || typeof json !== "object") return [json, bad];
  if (Array.isArray(json)) {
    if (json.length === 0) return [bad];
    const i = path[0]! % json.length;
    return json.map((item, j) => (j === i ? plant(item, bad, path.slice(1)) : item));
  }
  const keys = Object.keys(json);
  if (keys.length === 0) return { planted: [bad] };
  const key = keys[path[0]! % keys.length]!;
  return { ...json, [key]: plant((json as Record<string, unknown>)[key], bad, path.slice(1)) };
}

describe("JobClient.run input", () => {
  it("accepts any JSON value and adds a job with exactly that data", { timeout: 60_000 }, async () => {
    const name = uniqueQueue("prop-json");
    const client = useClient<{ echo(input: unknown): unknown }>(name);
    const queue = rawQueue(name);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const op = client.run("echo", value);
        expect(op.status).toBe(AsyncStatus.started);
        await vi.waitFor(async () => expect(await queue.getJob(op.jobId)).toBeDefined());
        // What JSON carries: the same value, except that -0 arrives as 0 (JSON has one zero).
        expect((await queue.getJob(op.jobId))?.data).toEqual(JSON.parse(JSON.stringify(value)));
        op.cancel(); // removes the job (no consumer runs this queue)
        await op[Symbol.asyncDispose]();
      }),
      { numRuns: 25 },
    );
  });

  it("throws TypeError for a value with anything JSON would change, and adds nothing", async () => {
    const name = uniqueQueue("prop-notjson");
    const client = useClient<{ echo(input: unknown): unknown }>(name);
    fc.assert(
      fc.property(fc.jsonValue(), notJson, fc.array(fc.nat(), { maxLength: 6 }), (json, bad, path) => {
        expect(() => client.run("echo", plant(json, bad, path))).toThrow(TypeError);
      }),
      { numRuns: 300 },
    );
    await client.close();
    expect(await rawQueue(name).count()).toBe(0);
  });
});

describe("ProgressThrottle", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends in order, at most one per interval between flushes, and always the last value at the flush", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 80 }), value: fc.integer() }), { minLength: 1, maxLength: 40 }),
        async (interval, reports) => {
          vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
          const sent: { value: number; at: number }[] = [];
          const throttle = new ProgressThrottle(interval, (value) => {
            sent.push({ value: value as number, at: performance.now() });
            return Promise.resolve();
          });
          const order = new Map<number, number>();
          reports.forEach(({ value }, i) => order.set(i, value));
          for (const { gap, value } of reports) {
            await vi.advanceTimersByTimeAsync(gap);
            throttle.push(value);
          }
          await throttle.flush();
          throttle.close();
          vi.useRealTimers();
          // The last value reported is the last value sent.
          expect(sent.at(-1)?.value).toBe(reports.at(-1)!.value);
          // Sends follow report order (each sent value is a reported one, in non-decreasing report position).
          let position = -1;
          for (const { value } of sent) {
            const next = reports.findIndex((r, i) => i > position && r.value === value);
            expect(next).toBeGreaterThan(position);
            position = next;
          }
          // Apart from the final flush, sends are at least one interval apart.
          for (let i = 1; i < sent.length - 1; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(interval);
        },
      ),
      { numRuns: 200 },
    );
  });
});
