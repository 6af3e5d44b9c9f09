// Type tests of winrt-async/winjs: WinJSPromise's generics, the statics' result shapes, and toWinJS accepting our
// operations and the objects @types/winrt-uwp describes (raw IAsync* and IPromiseWith* wrappers) without casts.
/// <reference types="winrt-uwp" />
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";
import {
  toWinJS,
  WinJSPromise,
  type WinJSAnyResult,
  type WinJSErrorDetail,
  type WinJSErrorEvent,
  type WinJSJoinProgress,
  type WinJSOperationView,
} from "../../src/winjs/index.js";

declare const opNumber: AsyncOperation<number>;
declare const opProgress: AsyncOperationWithProgress<string, number>;
declare const action: AsyncAction;
declare const actionProgress: AsyncActionWithProgress<boolean>;
declare const ourInterface: IAsyncOperationWithProgress<Date, string>;

declare const uwpOperation: Windows.Foundation.IAsyncOperation<Windows.Storage.StorageFile>;
declare const uwpOperationProgress: Windows.Foundation.IAsyncOperationWithProgress<number, number>;
declare const uwpAction: Windows.Foundation.IAsyncAction;
declare const uwpActionProgress: Windows.Foundation.IAsyncActionWithProgress<string>;
declare const uwpWrapper: Windows.Foundation.IPromiseWithIAsyncOperation<Windows.Storage.StorageFile>;
declare const uwpWrapperProgress: Windows.Foundation.IPromiseWithIAsyncOperationWithProgress<string, number>;
declare const uwpActionWrapper: Windows.Foundation.IPromiseWithIAsyncAction;
declare const folder: Windows.Storage.StorageFolder;

describe("WinJSPromise", () => {
  it("types then/done/cancel like WinJS: value, error (any), progress", () => {
    const promise = new WinJSPromise<number, string>((complete, error, progress) => {
      expectTypeOf(complete).parameter(0).toEqualTypeOf<number | PromiseLike<number>>();
      expectTypeOf(progress).parameter(0).toEqualTypeOf<string>();
      error(new Error("x"));
    });
    // With a complete or error handler, progress can only come from a promise a handler returns: unknown.
    expectTypeOf(promise.then((value) => String(value))).toEqualTypeOf<WinJSPromise<string, unknown>>();
    expectTypeOf(promise.then((value) => WinJSPromise.wrap(value > 1))).toEqualTypeOf<WinJSPromise<boolean, unknown>>();
    expectTypeOf(promise.then(null, () => "recovered")).toEqualTypeOf<WinJSPromise<number | string, unknown>>();
    // Without them, value and progress pass through.
    expectTypeOf(promise.then()).toEqualTypeOf<WinJSPromise<number, string>>();
    expectTypeOf(promise.then(null, null, () => undefined)).toEqualTypeOf<WinJSPromise<number, string>>();
    promise.then(null, null, (progress) => expectTypeOf(progress).toEqualTypeOf<string>());
    promise.then((value) => value, null, (progress) => expectTypeOf(progress).toEqualTypeOf<string>());
    expectTypeOf(promise.done()).toEqualTypeOf<void>();
    expectTypeOf(promise.cancel()).toEqualTypeOf<void>();
    expectTypeOf(promise).toMatchTypeOf<PromiseLike<number>>();
    const voidPromise = new WinJSPromise<void>((complete) => complete());
    expectTypeOf(voidPromise).toEqualTypeOf<WinJSPromise<void, unknown>>();
    // @ts-expect-error complete takes the value type
    new WinJSPromise<number>((complete) => complete("text"));
    // @ts-expect-error the progress handler takes the progress type
    promise.then(null, null, (progress: number) => progress);
  });

  it("types the statics", () => {
    expectTypeOf(WinJSPromise.wrap(1)).toEqualTypeOf<WinJSPromise<number, never>>();
    expectTypeOf(WinJSPromise.wrap()).toEqualTypeOf<WinJSPromise<void, never>>();
    expectTypeOf(WinJSPromise.wrapError<number>(new Error())).toEqualTypeOf<WinJSPromise<number, never>>();
    expectTypeOf(WinJSPromise.as(Promise.resolve("s"))).toEqualTypeOf<WinJSPromise<string, unknown>>();
    expectTypeOf(WinJSPromise.as(opNumber)).toEqualTypeOf<WinJSPromise<number, unknown>>();
    expectTypeOf(WinJSPromise.is).guards.toEqualTypeOf<PromiseLike<unknown>>();
    expectTypeOf(WinJSPromise.cancel).toEqualTypeOf<WinJSPromise<never, never>>();
    expectTypeOf(WinJSPromise.timeout()).toEqualTypeOf<WinJSPromise<void, never>>();
    const watched = WinJSPromise.wrap("x");
    expectTypeOf(WinJSPromise.timeout(100, watched)).toEqualTypeOf<typeof watched>();
    // @ts-expect-error timeout needs a promise it can cancel
    WinJSPromise.timeout(100, Promise.resolve(1));
  });

  it("types join as a tuple or a record of values, with { Key, Done } progress", () => {
    const tuple = WinJSPromise.join([WinJSPromise.wrap(1), "two", opProgress, action]);
    expectTypeOf(tuple).toEqualTypeOf<WinJSPromise<[number, "two", string, void], WinJSJoinProgress>>();
    const record = WinJSPromise.join({ file: WinJSPromise.wrap(true), count: opNumber });
    expectTypeOf(record).toEqualTypeOf<WinJSPromise<{ file: boolean; count: number }, WinJSJoinProgress>>();
    const list: WinJSPromise<number>[] = [];
    expectTypeOf(WinJSPromise.join(list)).toEqualTypeOf<WinJSPromise<number[], WinJSJoinProgress>>();
    // @ts-expect-error join takes an array or an object
    WinJSPromise.join(5);
  });

  it("types any as { key, value: the input }", () => {
    const first = WinJSPromise.wrap(1);
    const second = WinJSPromise.wrap("s");
    WinJSPromise.any([first, second]).then((item) => {
      expectTypeOf(item.key).toEqualTypeOf<string>();
      expectTypeOf(item.value).toEqualTypeOf<WinJSPromise<number, never> | WinJSPromise<string, never>>();
    });
    expectTypeOf(WinJSPromise.any({ a: first })).toEqualTypeOf<WinJSPromise<WinJSAnyResult<{ readonly a: WinJSPromise<number, never> }>, never>>();
  });

  it("types thenEach by the handler's result", () => {
    const mapped = WinJSPromise.thenEach([WinJSPromise.wrap(1), WinJSPromise.wrap(2)], (value) => {
      expectTypeOf(value).toEqualTypeOf<number>();
      return String(value);
    });
    expectTypeOf(mapped).toEqualTypeOf<WinJSPromise<[string, string], WinJSJoinProgress>>();
  });

  it("types the error event", () => {
    WinJSPromise.onerror = (event) => {
      expectTypeOf(event).toEqualTypeOf<WinJSErrorEvent>();
      expectTypeOf(event.detail).toEqualTypeOf<WinJSErrorDetail>();
      expectTypeOf(event.detail.id).toEqualTypeOf<number | undefined>();
    };
    WinJSPromise.onerror = undefined;
    WinJSPromise.addEventListener("error", (event) => expectTypeOf(event.detail.parent).toEqualTypeOf<PromiseLike<unknown> | undefined>());
    // @ts-expect-error only the error event exists
    WinJSPromise.addEventListener("progress", () => undefined);
  });
});

describe("toWinJS", () => {
  it("accepts our four kinds and infers result and progress", () => {
    expectTypeOf(toWinJS(opNumber)).toEqualTypeOf<WinJSOperationView<number, never, AsyncOperation<number>>>();
    expectTypeOf(toWinJS(opProgress)).toEqualTypeOf<
      WinJSOperationView<string, number, AsyncOperationWithProgress<string, number>>
    >();
    expectTypeOf(toWinJS(action)).toEqualTypeOf<WinJSOperationView<void, never, AsyncAction>>();
    expectTypeOf(toWinJS(actionProgress)).toEqualTypeOf<WinJSOperationView<void, boolean, AsyncActionWithProgress<boolean>>>();
    expectTypeOf(toWinJS(ourInterface)).toEqualTypeOf<WinJSOperationView<Date, string, IAsyncOperationWithProgress<Date, string>>>();
    expectTypeOf(toWinJS(opProgress).operation).toEqualTypeOf<AsyncOperationWithProgress<string, number>>();
    toWinJS(opProgress).then(null, null, (progress) => expectTypeOf(progress).toEqualTypeOf<number>());
  });

  it("accepts the raw IAsync* objects of @types/winrt-uwp without casts", () => {
    expectTypeOf(toWinJS(uwpOperation)).toMatchTypeOf<WinJSPromise<Windows.Storage.StorageFile, never>>();
    expectTypeOf(toWinJS(uwpOperationProgress)).toMatchTypeOf<WinJSPromise<number, number>>();
    expectTypeOf(toWinJS(uwpAction)).toMatchTypeOf<WinJSPromise<void, never>>();
    expectTypeOf(toWinJS(uwpActionProgress)).toMatchTypeOf<WinJSPromise<void, string>>();
    expectTypeOf(toWinJS(uwpOperation).operation).toEqualTypeOf<Windows.Foundation.IAsyncOperation<Windows.Storage.StorageFile>>();
  });

  it("accepts the IPromiseWith* wrappers of @types/winrt-uwp without casts", () => {
    expectTypeOf(toWinJS(uwpWrapper)).toMatchTypeOf<WinJSPromise<Windows.Storage.StorageFile, never>>();
    expectTypeOf(toWinJS(folder.getFileAsync("a.txt"))).toMatchTypeOf<WinJSPromise<Windows.Storage.StorageFile, never>>();
    expectTypeOf(toWinJS(uwpWrapperProgress)).toMatchTypeOf<WinJSPromise<string, number>>();
    expectTypeOf(toWinJS(uwpActionWrapper)).toMatchTypeOf<WinJSPromise<void, never>>();
    expectTypeOf(toWinJS(uwpWrapper).operation).toEqualTypeOf<Windows.Foundation.IPromiseWithIAsyncOperation<Windows.Storage.StorageFile>>();
  });

  it("rejects what is not an async operation or a wrapper", () => {
    // @ts-expect-error a number
    toWinJS(5);
    // @ts-expect-error a status alone
    toWinJS({ status: 0 });
    // @ts-expect-error a native promise cannot be canceled
    toWinJS(Promise.resolve(1));
  });
});
