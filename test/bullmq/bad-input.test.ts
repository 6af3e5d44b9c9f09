// Bad input gives clear errors: an unknown task name fails the job with a TypeError (not retried); input that
// JSON cannot carry unchanged and malformed options throw TypeError synchronously; nothing is added then.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { JobClient, serve } from "../../src/bullmq/index.js";
import { caught, rejection } from "../helpers/caught.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

type Tasks = { echo(input: unknown): unknown };

describe("bad input", () => {
  it("fails a job naming no task with a TypeError, once (no retry)", async () => {
    const name = uniqueQueue("unknown-task");
    await useServer(name, { echo: (x: unknown) => x });
    const client = useClient<Tasks>(name);
    // The type system already refuses the name; a JavaScript caller can still send it.
    const op = (client as unknown as JobClient<{ nosuch(): void }>).run("nosuch", undefined, { job: { attempts: 3 } });
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("nosuch");
    expect((await rawQueue(name).getJob(op.jobId))?.attemptsMade).toBe(1);
  });

  it.each([
    ["a bigint", 1n],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
    ["a function inside", { f: () => 1 }],
    ["NaN inside", [Number.NaN]],
    ["undefined in an array", [undefined]],
    ["a cycle", (() => {
      const o: Record<string, unknown> = {};
      o["self"] = o;
      return o;
    })()],
  ])("throws TypeError for input that JSON cannot carry: %s", async (_label, input) => {
    const name = uniqueQueue("bad-json");
    const client = useClient<Tasks>(name);
    expect(caught(() => client.run("echo", input))).toBeInstanceOf(TypeError);
    await client.close();
    expect(await rawQueue(name).getJobCounts()).toEqual(expect.objectContaining({ waiting: 0 }));
  });

  it("throws TypeError for a bad task name or options, RangeError for a job id BullMQ refuses", () => {
    const client = useClient<Tasks>(uniqueQueue("bad-options"));
    expect(caught(() => client.run("" as "echo", 1))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("echo", 1, { signal: "no" as unknown as AbortSignal }))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("echo", 1, { job: "no" as never }))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("echo", 1, { job: { jobId: "42" } }))).toBeInstanceOf(RangeError);
    expect(caught(() => client.run("echo", 1, { job: { jobId: "a:b" } }))).toBeInstanceOf(RangeError);
    expect(caught(() => client.attach(""))).toBeInstanceOf(TypeError);
  });

  it("throws TypeError for a bad queue name, tasks or options", () => {
    expect(caught(() => new JobClient("", { connection: connection() }))).toBeInstanceOf(TypeError);
    expect(caught(() => new JobClient("q", undefined as never))).toBeInstanceOf(TypeError);
    expect(caught(() => serve("q", {}, { connection: connection() }))).toBeInstanceOf(TypeError);
    expect(caught(() => serve("q", { a: () => 1 }, { connection: connection(), concurrency: 0 }))).toBeInstanceOf(TypeError);
    expect(caught(() => serve("q", { a: () => 1 }, { connection: connection(), pool: {} as never }))).toBeInstanceOf(TypeError);
  });

  it("fails a job whose result JSON cannot carry with a TypeError", async () => {
    const name = uniqueQueue("bad-result");
    const tasks = { when: () => new Date(0) };
    await useServer(name, tasks);
    const op = useClient<typeof tasks>(name).run("when");
    expect(await rejection(op)).toBeInstanceOf(TypeError);
  });
});
