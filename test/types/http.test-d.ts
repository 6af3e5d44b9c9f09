// Type tests of winrt-async/http: the handler's shape (a Fetch handler with fetch and close, what Deno.serve,
// Bun.serve and Hono take), the options (runner takes a WorkerPool or a JobClient of any tasks), the actions
// authorize receives, and the protocol's body types.
import { describe, expectTypeOf, it } from "vitest";
import type { AsyncProgressContext } from "../../src/index.js";
import type { WorkerPool } from "../../src/worker/index.js";
import type { JobClient } from "../../src/bullmq/index.js";
import {
  operationsHandler,
  EVENT,
  hresultOfHttpStatus,
  type CreatedBody,
  type ErrorBody,
  type OperationAction,
  type OperationEventName,
  type OperationsHandler,
  type OperationsHandlerOptions,
  type OperationStatusName,
  type RunRequestBody,
  type SnapshotBody,
  type StartedEventData,
} from "../../src/http/index.js";

const tasks = {
  resize: (input: { width: number }, ctx: AsyncProgressContext<number>) => (ctx.report(1), input.width),
};

describe("winrt-async/http", () => {
  it("operationsHandler returns a Fetch handler with fetch and close", () => {
    const handler = operationsHandler(tasks);
    expectTypeOf(handler).toEqualTypeOf<OperationsHandler>();
    expectTypeOf(handler).toBeCallableWith(new Request("http://x/"));
    expectTypeOf(handler(new Request("http://x/"))).toEqualTypeOf<Promise<Response>>();
    expectTypeOf(handler.fetch).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(handler.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(handler).toExtend<AsyncDisposable>();
    // What Bun.serve and Hono's app.mount take: an object with fetch, a (request) => Response | Promise<Response>.
    expectTypeOf(handler).toExtend<{ fetch(request: Request): Response | Promise<Response> }>();
    expectTypeOf(handler).toExtend<(request: Request, ...rest: never[]) => Response | Promise<Response>>();
  });

  it("takes a WorkerPool or a JobClient of any tasks as runner, and nothing else", () => {
    expectTypeOf<WorkerPool<typeof tasks>>().toExtend<NonNullable<OperationsHandlerOptions["runner"]>>();
    expectTypeOf<JobClient<typeof tasks>>().toExtend<NonNullable<OperationsHandlerOptions["runner"]>>();
    expectTypeOf<{ go(): void }>().not.toExtend<NonNullable<OperationsHandlerOptions["runner"]>>();
    // @ts-expect-error: the options are checked
    operationsHandler(tasks, { heartbeatMs: "often" });
  });

  it("gives authorize the request and a discriminated action", () => {
    operationsHandler(tasks, {
      authorize: (request, action) => {
        expectTypeOf(request).toEqualTypeOf<Request>();
        expectTypeOf(action).toEqualTypeOf<OperationAction>();
        if (action.kind === "run") expectTypeOf(action.task).toBeString();
        else expectTypeOf(action.id).toBeString();
        return Promise.resolve(true);
      },
    });
  });

  it("types the protocol's bodies and names", () => {
    expectTypeOf<RunRequestBody["task"]>().toBeString();
    expectTypeOf<CreatedBody>().toEqualTypeOf<{ readonly id: string; readonly status: OperationStatusName }>();
    expectTypeOf<SnapshotBody["status"]>().toEqualTypeOf<OperationStatusName>();
    expectTypeOf<StartedEventData>().toEqualTypeOf<{ readonly id: string }>();
    expectTypeOf<ErrorBody["error"]["hresult"]>().toBeNumber();
    expectTypeOf(EVENT.progress).toEqualTypeOf<"progress">();
    expectTypeOf<OperationEventName>().toEqualTypeOf<"started" | "progress" | "completed" | "error" | "canceled">();
    expectTypeOf(hresultOfHttpStatus).toEqualTypeOf<(status: number) => number>();
  });
});
