// Type tests of winrt-async/bullmq: JobClient is typed from the very tasks object serve runs (names, inputs,
// results, progress), operations carry a read-only jobId, and serve accepts the tasks object and a WorkerPool.
import { describe, expectTypeOf, it } from "vitest";
import { AsyncOperationWithProgress, type AsyncContext, type AsyncProgressContext } from "../../src/index.js";
import {
  DisconnectedError,
  JobClient,
  serve,
  type JobClientOptions,
  type JobOperation,
  type JobRunOptions,
  type JobServer,
  type JobServerEvent,
  type ServeOptions,
} from "../../src/bullmq/index.js";
import { WorkerPool } from "../../src/worker/index.js";

const tasks = {
  async resize(input: { width: number }, ctx: AsyncProgressContext<number>) {
    ctx.report(0.5);
    return { bytes: new Array<number>(input.width) };
  },
  ping: () => "pong" as const,
  quiet(input: string, ctx: AsyncContext) {
    ctx.throwIfCanceled();
    return input.length;
  },
};
type Tasks = typeof tasks;
declare const client: JobClient<Tasks>;
const connection = { host: "127.0.0.1", port: 6379 };

describe("JobClient", () => {
  it("types run from the tasks: name, input, result and progress", () => {
    const op = client.run("resize", { width: 3 });
    expectTypeOf(op).toEqualTypeOf<JobOperation<{ bytes: number[] }, number>>();
    expectTypeOf(op).toMatchTypeOf<AsyncOperationWithProgress<{ bytes: number[] }, number>>();
    expectTypeOf(op.jobId).toEqualTypeOf<string>();
    expectTypeOf(client.run("ping")).toEqualTypeOf<JobOperation<"pong", never>>();
    expectTypeOf(client.run("quiet", "abc")).toEqualTypeOf<JobOperation<number, never>>();
    // @ts-expect-error -- not a task name
    client.run("nosuch", {});
    // @ts-expect-error -- wrong input type
    client.run("resize", { width: "3" });
    // @ts-expect-error -- input required
    client.run("resize");
  });

  it("keeps jobId read-only", () => {
    const op = client.run("ping");
    // @ts-expect-error -- read-only
    op.jobId = "other";
  });

  it("accepts RunOptions plus BullMQ job options", () => {
    client.run("ping", undefined, { signal: AbortSignal.timeout(1), description: "d", job: { attempts: 3, backoff: { type: "exponential", delay: 10 }, jobId: "x" } });
    expectTypeOf<JobRunOptions["job"]>().toMatchTypeOf<object | undefined>();
    // @ts-expect-error -- attempts is a number
    client.run("ping", undefined, { job: { attempts: "3" } });
  });

  it("types attach by task name, defaulting to every task's result", () => {
    expectTypeOf(client.attach<"resize">("id")).toEqualTypeOf<JobOperation<{ bytes: number[] }, number>>();
    expectTypeOf(client.attach("id")).toEqualTypeOf<JobOperation<{ bytes: number[] } | "pong" | number, number>>();
  });

  it("has close and asyncDispose", () => {
    expectTypeOf(client.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(client[Symbol.asyncDispose]()).toEqualTypeOf<Promise<void>>();
    expectTypeOf<JobClientOptions>().toHaveProperty("connection");
    const made = new JobClient<Tasks>("q", { connection, prefix: "p", resyncIntervalMs: 1000, onError: () => undefined });
    expectTypeOf(made).toEqualTypeOf<JobClient<Tasks>>();
  });
});

describe("serve", () => {
  it("takes the tasks object and options, returns a JobServer", () => {
    const server = serve("q", tasks, { connection, concurrency: 50, progressIntervalMs: 100, lockDuration: 30_000, stalledInterval: 30_000, maxStalledCount: 1, closeGraceMs: 10 });
    expectTypeOf(server).toEqualTypeOf<JobServer>();
    expectTypeOf(server.ready).toEqualTypeOf<Promise<void>>();
    expectTypeOf(server.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(server[Symbol.asyncDispose]()).toEqualTypeOf<Promise<void>>();
  });

  it("accepts a WorkerPool over the same tasks", () => {
    const pool = new WorkerPool<Tasks>(new URL("file:///tasks.js"));
    const options: ServeOptions = { connection, pool };
    expectTypeOf(serve("q", tasks, options)).toEqualTypeOf<JobServer>();
    // @ts-expect-error -- concurrency is a number
    serve("q", tasks, { connection, concurrency: "5" });
  });

  it("takes a WorkerPool in place of tasks, Worker options, and forwards the Worker's events", () => {
    const pool = new WorkerPool<Tasks>(new URL("file:///tasks.js"));
    const server = serve("q", pool, { connection, limiter: { max: 10, duration: 1000 }, workerOptions: { drainDelay: 5 }, closeTimeoutMs: 100, connectTimeoutMs: 100 });
    expectTypeOf(server).toEqualTypeOf<JobServer>();
    const event: JobServerEvent = "completed";
    expectTypeOf(server.on(event, () => undefined)).toEqualTypeOf<JobServer>();
    server.on("failed", (job, error) => expectTypeOf(error).toEqualTypeOf<Error>());
    // @ts-expect-error -- only the forwarded events
    server.on("drained", () => undefined);
  });

  it("re-exports DisconnectedError", () => {
    expectTypeOf(new DisconnectedError()).toHaveProperty("hresult");
  });
});
