// Type tests for the exported types that no other type test names: what each accepts and what it refuses. One
// `describe` per entry (root, winrt-async/worker, winrt-async/bullmq, winrt-async/winjs, winrt-async/diagnostics).
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  type AsyncActionLike,
  type AsyncActionWithProgressLike,
  type AsyncOperationLike,
  type AsyncOperationWithProgressLike,
  type AsyncProgressContext,
  type ProjectedPromiseLike,
} from "../../src/index.js";
import {
  expose,
  type TaskArguments,
  type TaskFunction,
  type TaskMap,
  type TransferItem,
  type WorkerResourceLimits,
  type WorkerRunOptions,
} from "../../src/worker/index.js";
import type {
  JobClientOptions,
  JobOperation,
  JobPool,
  JobRunOptions,
  JobServer,
  ServeOptions,
} from "../../src/bullmq/index.js";
import {
  WinJSPromise,
  toWinJS,
  type CancelablePromiseLike,
  type WinJSAnyResult,
  type WinJSErrorCallback,
  type WinJSErrorEvent,
  type WinJSEvent,
  type WinJSEventListener,
  type WinJSInit,
  type WinJSInputOf,
  type WinJSJoinProgress,
  type WinJSJoinResults,
  type WinJSOperationInput,
  type WinJSOperationView,
  type WinJSProgressOf,
} from "../../src/winjs/index.js";
import type { AnyOperation, OperationKind, OperationSnapshot } from "../../src/diagnostics/index.js";

describe("root: the *Like input types", () => {
  it("our operations are Like their kinds; a plain promise is not", () => {
    expectTypeOf<AsyncAction>().toExtend<AsyncActionLike>();
    expectTypeOf<AsyncActionWithProgress<number>>().toExtend<AsyncActionWithProgressLike<number>>();
    expectTypeOf<AsyncOperation<string>>().toExtend<AsyncOperationLike<string>>();
    expectTypeOf<AsyncOperationWithProgress<string, number>>().toExtend<AsyncOperationWithProgressLike<string, number>>();
    expectTypeOf<Promise<string>>().not.toExtend<AsyncOperationLike<string>>();
    expectTypeOf<AsyncOperation<string>>().not.toExtend<AsyncOperationLike<number>>();
  });

  it("a raw WinRT-shaped object needs only status, completed, getResults and cancel", () => {
    const raw = { status: 0, completed: null, getResults: () => 3, cancel() {} };
    expectTypeOf(raw).toExtend<AsyncOperationLike<number>>();
    const noCancel = { status: 0, completed: null, getResults: () => 3 };
    expectTypeOf(noCancel).not.toExtend<AsyncOperationLike<number>>();
  });

  it("ProjectedPromiseLike is a thenable with cancel()", () => {
    const wrapper = { then: (f: (v: number) => unknown, r: (e: unknown) => unknown) => [f, r], cancel() {} };
    expectTypeOf(wrapper).toExtend<ProjectedPromiseLike<number>>();
    expectTypeOf<Promise<number>>().not.toExtend<ProjectedPromiseLike<number>>();
  });
});

describe("winrt-async/worker: task and option types", () => {
  const tasks = expose({
    double: (n: number) => n * 2,
    none: () => "x",
    report: (s: string, ctx: AsyncProgressContext<number>) => (ctx.report(1), s),
  });
  type Tasks = typeof tasks;

  it("TaskMap and TaskFunction describe an exposed tasks object", () => {
    expectTypeOf(tasks).toExtend<TaskMap>();
    expectTypeOf<Tasks["report"]>().toExtend<TaskFunction>();
    expectTypeOf<{ bad: number }>().not.toExtend<TaskMap>();
  });

  it("TaskArguments makes the input optional only for a task that takes none", () => {
    expectTypeOf<TaskArguments<Tasks, "double", WorkerRunOptions>>().toEqualTypeOf<
      [input: number, options?: WorkerRunOptions]
    >();
    expectTypeOf<TaskArguments<Tasks, "none", WorkerRunOptions>>().toEqualTypeOf<
      [input?: undefined, options?: WorkerRunOptions]
    >();
  });

  it("WorkerRunOptions carries a transfer list of TransferItems; WorkerResourceLimits takes numbers", () => {
    expectTypeOf<{ transfer: ArrayBuffer[]; description: string }>().toExtend<WorkerRunOptions>();
    expectTypeOf<ArrayBuffer>().toExtend<TransferItem>();
    expectTypeOf<number>().not.toExtend<TransferItem>();
    expectTypeOf<{ maxOldGenerationSizeMb: 64 }>().toExtend<WorkerResourceLimits>();
    expectTypeOf<{ maxOldGenerationSizeMb: "64" }>().not.toExtend<WorkerResourceLimits>();
  });
});

describe("winrt-async/bullmq: client and server types", () => {
  it("options need a connection; run options take BullMQ job options", () => {
    expectTypeOf<{ connection: { host: string; port: number } }>().toExtend<JobClientOptions>();
    expectTypeOf<{ prefix: string }>().not.toExtend<JobClientOptions>();
    expectTypeOf<{ connection: { host: string }; concurrency: 5; pool: JobPool }>().toExtend<ServeOptions>();
    expectTypeOf<{ job: { attempts: 3; jobId: "a" }; description: "x" }>().toExtend<JobRunOptions>();
  });

  it("a JobOperation is an AsyncOperationWithProgress with a read-only jobId; a JobServer closes asynchronously", () => {
    expectTypeOf<JobOperation<number, string>>().toExtend<AsyncOperationWithProgress<number, string>>();
    expectTypeOf<JobOperation<number, string>["jobId"]>().toEqualTypeOf<string>();
    expectTypeOf<JobServer["close"]>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<JobServer["ready"]>().toEqualTypeOf<Promise<void>>();
  });
});

describe("winrt-async/winjs: the helper types", () => {
  it("WinJSInit gets complete, error and progress; WinJSErrorCallback takes any error", () => {
    const init: WinJSInit<number, string> = (complete, error, progress) => {
      expectTypeOf(complete).parameter(0).toEqualTypeOf<number | PromiseLike<number>>();
      expectTypeOf(progress).parameter(0).toEqualTypeOf<string>();
      expectTypeOf(error).toEqualTypeOf<WinJSErrorCallback>();
    };
    expectTypeOf(new WinJSPromise(init)).toEqualTypeOf<WinJSPromise<number, string>>();
  });

  it("join results keep the input's keys; any gives the key and the input itself; join reports {Key, Done}", () => {
    expectTypeOf<WinJSJoinResults<{ a: Promise<number>; b: string }>>().toEqualTypeOf<{ a: number; b: string }>();
    expectTypeOf<WinJSJoinResults<readonly [Promise<number>, string]>>().toEqualTypeOf<[number, string]>();
    expectTypeOf<WinJSInputOf<[Promise<number>, string]>>().toEqualTypeOf<Promise<number> | string>();
    expectTypeOf<WinJSAnyResult<{ a: Promise<number> }>>().toEqualTypeOf<{ readonly key: string; readonly value: Promise<number> }>();
    expectTypeOf<WinJSJoinProgress>().toEqualTypeOf<{ readonly Key: string; readonly Done: true }>();
  });

  it("events: an error listener receives a WinJSErrorEvent", () => {
    expectTypeOf<WinJSErrorEvent>().toExtend<WinJSEvent<unknown>>();
    const listener: WinJSEventListener<{ x: number }> = (event) => expectTypeOf(event.detail.x).toEqualTypeOf<number>();
    expectTypeOf(listener).parameter(0).toEqualTypeOf<WinJSEvent<{ x: number }>>();
  });

  it("toWinJS takes WinJSOperationInputs and gives a WinJSOperationView with the input's progress type", () => {
    expectTypeOf<AsyncOperationWithProgress<string, number>>().toExtend<WinJSOperationInput>();
    expectTypeOf<Promise<string>>().not.toExtend<WinJSOperationInput>();
    expectTypeOf<WinJSProgressOf<AsyncOperationWithProgress<string, number>>>().toEqualTypeOf<number>();
    expectTypeOf<WinJSProgressOf<AsyncOperation<string>>>().toEqualTypeOf<never>();
    const view = toWinJS(AsyncOperationWithProgress.fromResult<string, number>("x"));
    expectTypeOf(view).toExtend<WinJSOperationView<string, number, AsyncOperationWithProgress<string, number>>>();
    expectTypeOf<WinJSPromise<number, never>>().toExtend<CancelablePromiseLike<number>>();
  });
});

describe("winrt-async/diagnostics: snapshot types", () => {
  it("snapshots name the kind; AnyOperation takes every kind of any type arguments", () => {
    expectTypeOf<OperationSnapshot["kind"]>().toEqualTypeOf<OperationKind>();
    expectTypeOf<OperationSnapshot["ageMs"]>().toEqualTypeOf<number>();
    expectTypeOf<AsyncOperationWithProgress<Uint8Array, { done: number }>>().toExtend<AnyOperation>();
    expectTypeOf<AsyncAction>().toExtend<AnyOperation>();
    expectTypeOf<"AsyncThing">().not.toExtend<OperationKind>();
  });
});
