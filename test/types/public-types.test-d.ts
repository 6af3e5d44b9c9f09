// Type tests of the public type names that the other type tests do not reach: the six handler types, the
// option types, the union of the four interfaces, the error options and the combinators' helper types.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncError,
  AsyncOperation,
  AsyncOperationWithProgress,
  HResult,
  delay,
  onUnobservedError,
  progressUpdates,
  toPromise,
  whenAll,
  whenAny,
  withTimeout,
  type AnyAsyncInfo,
  type AsyncActionCompletedHandler,
  type AsyncActionProgressHandler,
  type AsyncActionWithProgressCompletedHandler,
  type AsyncErrorOptions,
  type AsyncInput,
  type AsyncOperationCompletedHandler,
  type AsyncOperationProgressHandler,
  type AsyncOperationWithProgressCompletedHandler,
  type AsyncStatus,
  type CombinatorOptions,
  type DelayOptions,
  type HResultName,
  type IAsyncAction,
  type IAsyncActionWithProgress,
  type IAsyncInfo,
  type IAsyncOperation,
  type IAsyncOperationWithProgress,
  type ProgressUpdatesOptions,
  type RunOptions,
  type ToPromiseOptions,
  type UnobservedErrorListener,
  type WhenAllOptions,
  type WhenAllProgress,
  type WhenAllResults,
  type WhenAllSlot,
  type WhenAnyOptions,
  type WithTimeoutOptions,
} from "../../src/index.js";

describe("the six handler types", () => {
  it("fit the completed and progress members of our classes", () => {
    const action = AsyncAction.fromResult();
    const actionCompleted: AsyncActionCompletedHandler = (info, status) => {
      expectTypeOf(info).toEqualTypeOf<IAsyncAction>();
      expectTypeOf(status).toEqualTypeOf<AsyncStatus>();
    };
    action.completed = actionCompleted;

    const actionWithProgress = AsyncActionWithProgress.fromResult<string>();
    const actionProgress: AsyncActionProgressHandler<string> = (info, progress) => {
      expectTypeOf(info).toEqualTypeOf<IAsyncActionWithProgress<string>>();
      expectTypeOf(progress).toEqualTypeOf<string>();
    };
    const actionWithProgressCompleted: AsyncActionWithProgressCompletedHandler<string> = () => undefined;
    actionWithProgress.progress = actionProgress;
    actionWithProgress.completed = actionWithProgressCompleted;

    const operation = AsyncOperation.fromResult(1);
    const operationCompleted: AsyncOperationCompletedHandler<number> = (info) => {
      expectTypeOf(info.getResults()).toEqualTypeOf<number>();
    };
    operation.completed = operationCompleted;

    const operationWithProgress = AsyncOperationWithProgress.fromResult<number, boolean>(1);
    const operationProgress: AsyncOperationProgressHandler<number, boolean> = (_info, progress) => {
      expectTypeOf(progress).toEqualTypeOf<boolean>();
    };
    const operationWithProgressCompleted: AsyncOperationWithProgressCompletedHandler<number, boolean> = (info) => {
      expectTypeOf(info).toEqualTypeOf<IAsyncOperationWithProgress<number, boolean>>();
    };
    operationWithProgress.progress = operationProgress;
    operationWithProgress.completed = operationWithProgressCompleted;
  });
});

describe("AnyAsyncInfo", () => {
  it("is the union of the four interfaces, each an IAsyncInfo", () => {
    expectTypeOf<AsyncOperation<number>>().toExtend<AnyAsyncInfo>();
    expectTypeOf<AsyncAction>().toExtend<AnyAsyncInfo>();
    expectTypeOf<AnyAsyncInfo>().toExtend<IAsyncInfo>();
    expectTypeOf<{ id: number }>().not.toExtend<AnyAsyncInfo>();
  });
});

describe("option types", () => {
  it("describe what each producer and consumer accepts", () => {
    const signal = new AbortController().signal;
    const run: RunOptions = { signal, description: "x" };
    AsyncOperation.run(() => 1, run);
    const toPromiseOptions: ToPromiseOptions<number> = { signal, onProgress: (p) => expectTypeOf(p).toBeNumber() };
    void toPromise(AsyncOperationWithProgress.fromResult<string, number>("s"), toPromiseOptions);
    const updates: ProgressUpdatesOptions = { signal };
    progressUpdates(AsyncActionWithProgress.fromResult<number>(), updates);
    const combinator: CombinatorOptions = { signal, description: "all" };
    const all: WhenAllOptions = combinator;
    const any: WhenAnyOptions = { ...combinator, cancelLosers: false };
    const wait: DelayOptions = { signal };
    whenAll([AsyncOperation.fromResult(1)], all);
    whenAny([AsyncOperation.fromResult(1)], any);
    delay(1, wait);
    const timed: WithTimeoutOptions = combinator;
    withTimeout(AsyncOperation.fromResult(1), 10, timed);
    // @ts-expect-error cancelLosers is a whenAny option
    withTimeout(AsyncOperation.fromResult(1), 10, { cancelLosers: false });
    // @ts-expect-error cancelLosers is a boolean
    const wrong: WhenAnyOptions = { cancelLosers: "no" };
    void wrong;
    const errorOptions: AsyncErrorOptions = { cause: new Error("inner"), hresult: HResult.E_INVALIDARG };
    expectTypeOf(new AsyncError("x", errorOptions).hresult).toBeNumber();
  });
});

describe("names and helper types", () => {
  it("HResultName is the union of the constants' names", () => {
    expectTypeOf<"E_FAIL">().toExtend<HResultName>();
    expectTypeOf<"E_NOT_A_CODE">().not.toExtend<HResultName>();
    expectTypeOf<"E_ACCESSDENIED">().toExtend<HResultName>();
    expectTypeOf<"ERROR_NOT_FOUND">().toExtend<HResultName>();
    expectTypeOf(HResult.E_ACCESSDENIED).toEqualTypeOf<number>();
  });
  it("UnobservedErrorListener is what onUnobservedError takes", () => {
    const listener: UnobservedErrorListener = (error, operation) => {
      expectTypeOf(error).toBeUnknown();
      expectTypeOf(operation).toEqualTypeOf<IAsyncInfo>();
    };
    onUnobservedError(listener)[Symbol.dispose]();
  });
  it("AsyncInput accepts operations, foreign interfaces and promise-likes, not plain values", () => {
    expectTypeOf<AsyncOperation<number>>().toExtend<AsyncInput>();
    expectTypeOf<IAsyncOperation<string>>().toExtend<AsyncInput>();
    expectTypeOf<Promise<number>>().toExtend<AsyncInput>();
    expectTypeOf<number>().not.toExtend<AsyncInput>();
  });
  it("WhenAllSlot and WhenAllResults map inputs to result slots", () => {
    expectTypeOf<WhenAllSlot<AsyncOperation<number>>>().toEqualTypeOf<number>();
    expectTypeOf<WhenAllSlot<AsyncAction>>().toEqualTypeOf<undefined>();
    expectTypeOf<WhenAllResults<[AsyncOperation<number>, Promise<string>]>>().toEqualTypeOf<[number, string]>();
    expectTypeOf<WhenAllProgress>().toEqualTypeOf<{ completed: number; total: number }>();
  });
});
