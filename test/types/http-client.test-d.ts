// Type tests of winrt-async/http's client: OperationClient is typed from the very tasks object the server runs
// (names, inputs, results, progress), operations carry a read-only operationId, attach is typed by task name.
import { describe, expectTypeOf, it } from "vitest";
import { AsyncOperationWithProgress, type AsyncContext, type AsyncProgressContext } from "../../src/index.js";
import {
  OperationClient,
  operationsHandler,
  type HeaderValues,
  type HttpOperation,
  type HttpRunOptions,
  type OperationClientOptions,
  type ReconnectOptions,
} from "../../src/http/index.js";

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
declare const client: OperationClient<Tasks>;

describe("OperationClient", () => {
  it("types run from the tasks: name, input, result and progress", () => {
    const op = client.run("resize", { width: 3 });
    expectTypeOf(op).toEqualTypeOf<HttpOperation<{ bytes: number[] }, number>>();
    expectTypeOf(op).toMatchTypeOf<AsyncOperationWithProgress<{ bytes: number[] }, number>>();
    expectTypeOf(client.run("ping")).toEqualTypeOf<HttpOperation<"pong", never>>();
    expectTypeOf(client.run("quiet", "abc")).toEqualTypeOf<HttpOperation<number, never>>();
    // @ts-expect-error -- not a task name
    client.run("nosuch", {});
    // @ts-expect-error -- wrong input type
    client.run("resize", { width: "3" });
    // @ts-expect-error -- input required
    client.run("resize");
  });

  it("carries a read-only operationId, undefined until the server's answer", () => {
    const op = client.run("ping");
    expectTypeOf(op.operationId).toEqualTypeOf<string | undefined>();
    // @ts-expect-error -- read-only
    op.operationId = "other";
  });

  it("types attach by task name (all tasks' union by default)", () => {
    expectTypeOf(client.attach<"resize">("id")).toEqualTypeOf<HttpOperation<{ bytes: number[] }, number>>();
    expectTypeOf(client.attach("id")).toEqualTypeOf<HttpOperation<{ bytes: number[] } | "pong" | number, number>>();
    // @ts-expect-error -- not a task name
    client.attach<"nosuch">("id");
  });

  it("accepts the pinned options", () => {
    const options: OperationClientOptions = {
      headers: { authorization: "Bearer t" },
      fetch: (input, init) => fetch(input, init),
      reconnect: { limit: 3, delayMs: 100, maxDelayMs: 1000 },
    };
    new OperationClient<Tasks>("http://127.0.0.1:1/ops", options);
    new OperationClient<Tasks>(new URL("http://127.0.0.1:1/ops"), { headers: async () => ({ authorization: "Bearer t" }) });
    expectTypeOf<ReconnectOptions["limit"]>().toEqualTypeOf<number | undefined>();
    const forms: HeaderValues[] = [{ a: "b" }, [["a", "b"]], new Headers({ a: "b" })];
    new OperationClient<Tasks>("http://x/ops", { headers: forms[0]! });
    const run: HttpRunOptions = { signal: AbortSignal.timeout(1), description: "d" };
    client.run("ping", undefined, run);
    // @ts-expect-error -- limit is a number
    new OperationClient<Tasks>("http://x/ops", { reconnect: { limit: "3" } });
  });

  it("is typed from the very object the server's handler serves", () => {
    const handler = operationsHandler(tasks);
    expectTypeOf(handler).toMatchTypeOf<(request: Request) => Promise<Response>>();
    const fromSame = new OperationClient<typeof tasks>("http://127.0.0.1:1/ops");
    expectTypeOf(fromSame.run("ping")).toEqualTypeOf<HttpOperation<"pong", never>>();
  });

  it("closes with close() and await using", async () => {
    expectTypeOf(client.close()).toEqualTypeOf<Promise<void>>();
    await using disposable = new OperationClient<Tasks>("http://127.0.0.1:1/ops");
    expectTypeOf(disposable).toEqualTypeOf<OperationClient<Tasks>>();
  });
});
