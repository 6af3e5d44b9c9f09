// Type tests of the public surface: what `await` gives, what handlers receive, what the producers infer.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  AsyncStatus,
  HResult,
  progressUpdates,
  toPromise,
  type AsyncContext,
  type AsyncOperationCompletedHandler,
  type AsyncProgressContext,
  type Disposable,
  type IAsyncAction,
  type IAsyncActionWithProgress,
  type IAsyncInfo,
  type IAsyncOperation,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";

describe("AsyncStatus and HResult", () => {
  it("AsyncStatus is both a const object and the union of its values", () => {
    expectTypeOf(AsyncStatus.completed).toEqualTypeOf<1>();
    expectTypeOf<AsyncStatus>().toEqualTypeOf<0 | 1 | 2 | 3>();
    // @ts-expect-error the object is readonly
    AsyncStatus.started = 1;
  });
  it("HResult constants are numbers", () => {
    expectTypeOf(HResult.E_ILLEGAL_METHOD_CALL).toBeNumber();
  });
});

describe("await and then", () => {
  it("await op is TResult", async () => {
    const op = AsyncOperation.run(async () => 42);
    expectTypeOf(op).toEqualTypeOf<AsyncOperation<number>>();
    expectTypeOf(await op).toEqualTypeOf<number>();
    const withProgress = AsyncOperationWithProgress.run<string, number>(() => "x");
    expectTypeOf(await withProgress).toEqualTypeOf<string>();
    expectTypeOf(await AsyncAction.fromResult()).toEqualTypeOf<void>();
    expectTypeOf(op.then((v) => String(v))).toEqualTypeOf<Promise<string>>();
    expectTypeOf(op.catch(() => "fallback")).toEqualTypeOf<Promise<number | string>>();
    expectTypeOf(op.finally(() => undefined)).toEqualTypeOf<Promise<number>>();
  });
  it("synchronous and promise-returning bodies infer the same result type", () => {
    expectTypeOf(AsyncOperation.run(() => "s")).toEqualTypeOf<AsyncOperation<string>>();
    expectTypeOf(AsyncOperation.run(() => Promise.resolve("s"))).toEqualTypeOf<AsyncOperation<string>>();
    expectTypeOf(AsyncOperation.fromResult({ a: 1 })).toEqualTypeOf<AsyncOperation<{ a: number }>>();
  });
  it("getResults returns TResult, or void for actions", () => {
    expectTypeOf(AsyncOperation.fromResult(1).getResults()).toEqualTypeOf<number>();
    expectTypeOf(AsyncAction.fromResult().getResults()).toEqualTypeOf<void>();
  });
});

describe("handlers", () => {
  it("a completed handler receives the interface and the status", () => {
    const op = AsyncOperation.fromResult(1);
    op.completed = (info, status) => {
      expectTypeOf(info).toEqualTypeOf<IAsyncOperation<number>>();
      expectTypeOf(status).toEqualTypeOf<AsyncStatus>();
      expectTypeOf(info.getResults()).toEqualTypeOf<number>();
    };
    const named: AsyncOperationCompletedHandler<number> = () => undefined;
    op.completed = named;
    // @ts-expect-error a handler for another result type does not fit
    op.completed = (info: IAsyncOperation<string>) => info;
  });
  it("a progress handler and an onProgress listener receive TProgress", () => {
    const op = AsyncOperationWithProgress.run<string, { done: number }>(() => "x");
    op.progress = (info, progress) => {
      expectTypeOf(info).toEqualTypeOf<IAsyncOperationWithProgress<string, { done: number }>>();
      expectTypeOf(progress).toEqualTypeOf<{ done: number }>();
    };
    const subscription = op.onProgress((progress) => expectTypeOf(progress).toEqualTypeOf<{ done: number }>());
    expectTypeOf(subscription).toEqualTypeOf<Disposable>();
    const action = AsyncActionWithProgress.run<number>((ctx) => ctx.report(1));
    action.progress = (_info, progress) => expectTypeOf(progress).toBeNumber();
  });
  it("only the progress kinds have progress members", () => {
    const op = AsyncOperation.fromResult(1);
    // @ts-expect-error no progress on IAsyncOperation
    void op.progress;
    // @ts-expect-error no onProgress on AsyncAction
    void AsyncAction.fromResult().onProgress;
  });
});

describe("body context", () => {
  it("plain kinds get AsyncContext, progress kinds can report typed progress", () => {
    AsyncOperation.run((ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<AsyncContext>();
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
      // @ts-expect-error no report on the plain context
      ctx.report(1);
      return 1;
    });
    AsyncOperationWithProgress.run<number, string>((ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<AsyncProgressContext<string>>();
      // @ts-expect-error progress must be a string here
      ctx.report(1);
      return 1;
    });
  });
});

describe("interfaces", () => {
  it("our classes implement the WinRT interfaces, which do not require then", () => {
    expectTypeOf<AsyncAction>().toExtend<IAsyncAction>();
    expectTypeOf<AsyncActionWithProgress<number>>().toExtend<IAsyncActionWithProgress<number>>();
    expectTypeOf<AsyncOperation<string>>().toExtend<IAsyncOperation<string>>();
    expectTypeOf<AsyncOperationWithProgress<string, number>>().toExtend<IAsyncOperationWithProgress<string, number>>();
    expectTypeOf<IAsyncInfo>().not.toHaveProperty("then");
    expectTypeOf<AsyncOperation<string>>().toHaveProperty("then");
  });
});

describe("consumers", () => {
  it("toPromise gives the result type for ours and for foreign objects", () => {
    expectTypeOf(toPromise(AsyncOperation.fromResult(1))).toEqualTypeOf<Promise<number>>();
    expectTypeOf(toPromise(AsyncAction.fromResult())).toEqualTypeOf<Promise<void>>();
    const foreign = {} as IAsyncOperationWithProgress<string, number>;
    expectTypeOf(toPromise(foreign, { onProgress: (p) => expectTypeOf(p).toBeNumber() })).toEqualTypeOf<
      Promise<string>
    >();
  });
  it("progressUpdates yields TProgress", () => {
    const op = AsyncOperationWithProgress.fromResult<string, number>("x");
    expectTypeOf(progressUpdates(op)).toEqualTypeOf<AsyncIterableIterator<number>>();
    // @ts-expect-error an operation without progress has no updates
    progressUpdates(AsyncOperation.fromResult(1));
  });
});
