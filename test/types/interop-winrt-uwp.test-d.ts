/// <reference types="winrt-uwp" />
// Interop inputs without casts under strict (DESIGN 4.4): objects typed by @types/winrt-uwp (raw IAsync* with their
// ambient AsyncStatus enum and non-null read-write completed; the IPromiseWith* wrappers), raw WinRT-shaped objects
// without id/errorCode/close, and the bridges' wrappers, accepted by toPromise, wait, progressUpdates and the
// combinators with the result type inferred. Negatives marked @ts-expect-error.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncOperation,
  AsyncOperationWithProgress,
  progressUpdates,
  toPromise,
  wait,
  whenAll,
  whenAny,
  withTimeout,
  type AsyncInput,
  type ResultOf,
  type WhenAllProgress,
} from "../../src/index.js";

type StorageFile = Windows.Storage.StorageFile;
declare const pickFile: Windows.Foundation.IPromiseWithIAsyncOperation<StorageFile>;
declare const download: Windows.Foundation.IPromiseWithIAsyncOperationWithProgress<string, number>;
declare const save: Windows.Foundation.IPromiseWithIAsyncAction;
declare const sync: Windows.Foundation.IPromiseWithIAsyncActionWithProgress<number>;
declare const rawFile: Windows.Foundation.IAsyncOperation<StorageFile>;
declare const rawDownload: Windows.Foundation.IAsyncOperationWithProgress<string, number>;
declare const rawSave: Windows.Foundation.IAsyncAction;
declare const rawSync: Windows.Foundation.IAsyncActionWithProgress<number>;
declare const folder: Windows.Storage.StorageFolder;
declare const signal: AbortSignal;

/** A raw WinRT-shaped object as a native binding might hand it over: no id, errorCode or close. */
declare const bare: {
  readonly status: number;
  completed: ((asyncInfo: unknown, status: number) => void) | null;
  getResults(): number;
  cancel(): void;
};
/** react-native-winrt's WinRTPromise: a thenable with cancel and done (progress through done's third argument). */
declare const reactNative: PromiseLike<Uint8Array> & {
  cancel(): void;
  done(complete?: (value: Uint8Array) => void, error?: (error: unknown) => void, progress?: (p: number) => void): void;
  operation: unknown;
};
/** dynwinrt's promise of a progress kind: a native promise with progress(callback) and cancel(). */
declare const dynwinrt: Promise<string> & { progress(callback: (p: number) => void): unknown; cancel(): void };

describe("toPromise", () => {
  it("accepts the IPromiseWith* wrappers and infers the result", () => {
    expectTypeOf(toPromise(pickFile)).toEqualTypeOf<Promise<StorageFile>>();
    expectTypeOf(toPromise(folder.getFileAsync("a.txt"))).toEqualTypeOf<Promise<StorageFile>>();
    expectTypeOf(toPromise(download, { signal, onProgress: (p) => void p })).toEqualTypeOf<Promise<string>>();
    expectTypeOf(toPromise(save)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(toPromise(sync, { signal })).toEqualTypeOf<Promise<void>>();
  });

  it("accepts the raw IAsync* objects (ambient AsyncStatus enum, non-null completed) with typed progress", () => {
    expectTypeOf(toPromise(rawFile, { signal })).toEqualTypeOf<Promise<StorageFile>>();
    expectTypeOf(toPromise(pickFile.operation)).toEqualTypeOf<Promise<StorageFile>>();
    expectTypeOf(
      toPromise(rawDownload, {
        onProgress: (p) => {
          expectTypeOf(p).toEqualTypeOf<number>();
        },
      }),
    ).toEqualTypeOf<Promise<string>>();
    expectTypeOf(toPromise(rawSave)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(toPromise(rawSync, { onProgress: (p) => expectTypeOf(p).toEqualTypeOf<number>() })).toEqualTypeOf<
      Promise<void>
    >();
  });

  it("accepts raw objects without id/errorCode/close, and the bridges' wrappers", () => {
    expectTypeOf(toPromise(bare)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(toPromise(reactNative, { onProgress: () => undefined })).toEqualTypeOf<Promise<Uint8Array>>();
    expectTypeOf(toPromise(dynwinrt, { signal })).toEqualTypeOf<Promise<string>>();
  });

  it("still refuses what is not an operation or a wrapper, and mistyped progress", () => {
    // @ts-expect-error a status alone is not an operation
    toPromise({ status: 0 });
    // @ts-expect-error a plain promise has no cancel(): await it directly
    toPromise(Promise.resolve(1));
    // @ts-expect-error the progress of this operation is a number
    toPromise(rawDownload, { onProgress: (p: string) => void p });
    // @ts-expect-error no progress on an operation without progress
    toPromise(rawFile, { onProgress: () => undefined });
  });
});

describe("progressUpdates", () => {
  it("accepts the raw progress kinds of @types/winrt-uwp and refuses the others", () => {
    expectTypeOf(progressUpdates(rawDownload)).toEqualTypeOf<AsyncIterableIterator<number>>();
    expectTypeOf(progressUpdates(rawSync)).toEqualTypeOf<AsyncIterableIterator<number>>();
    // @ts-expect-error an operation without progress
    progressUpdates(rawFile);
  });
});

describe("combinators", () => {
  it("accept wrappers, raw objects and our operations together, tuple-typed", () => {
    expectTypeOf(whenAll([pickFile, rawDownload, AsyncOperation.fromResult(1)] as const)).toEqualTypeOf<
      AsyncOperationWithProgress<[StorageFile, string, number], WhenAllProgress>
    >();
    expectTypeOf(whenAll([save, rawSync] as const)).toEqualTypeOf<
      AsyncOperationWithProgress<[undefined, undefined], WhenAllProgress>
    >();
    expectTypeOf(whenAny([pickFile, pickFile.operation])).toEqualTypeOf<AsyncOperation<StorageFile>>();
    expectTypeOf(withTimeout(pickFile, 1000)).toEqualTypeOf<AsyncOperation<StorageFile>>();
    expectTypeOf(withTimeout(bare, 1000)).toEqualTypeOf<AsyncOperation<number>>();
    expectTypeOf(withTimeout(dynwinrt, 1000)).toEqualTypeOf<AsyncOperation<string>>();
  });

  it("the exported input type and ResultOf agree with them", () => {
    expectTypeOf(pickFile).toExtend<AsyncInput>();
    expectTypeOf(rawSave).toExtend<AsyncInput>();
    expectTypeOf(bare).toExtend<AsyncInput>();
    expectTypeOf<ResultOf<typeof pickFile>>().toEqualTypeOf<StorageFile>();
    expectTypeOf<ResultOf<typeof rawDownload>>().toEqualTypeOf<string>();
    expectTypeOf<ResultOf<typeof reactNative>>().toEqualTypeOf<Uint8Array>();
    // @ts-expect-error a number is no input
    whenAny([1]);
  });
});

describe("wait in a coroutine body", () => {
  it("types the result of each yield* from the input", () => {
    const op = AsyncOperation.run(function* () {
      const file = yield* wait(pickFile);
      expectTypeOf(file).toEqualTypeOf<StorageFile>();
      const text = yield* wait(rawDownload);
      expectTypeOf(text).toEqualTypeOf<string>();
      const nothing = yield* wait(save);
      expectTypeOf(nothing).toEqualTypeOf<void>();
      const count = yield* wait(bare);
      expectTypeOf(count).toEqualTypeOf<number>();
      return file.name.length + text.length + count;
    });
    expectTypeOf(op).toEqualTypeOf<AsyncOperation<number>>();
    // @ts-expect-error not awaitable
    wait(42);
  });
});
