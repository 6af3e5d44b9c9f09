// What `toWinJS` accepts, typed loosely enough that the objects `@types/winrt-uwp` describes (an ambient
// `AsyncStatus` enum, non-null read-write `completed`/`progress` of its own handler types, `IPromiseWith*`
// wrappers whose `then` callbacks are not nullable) are accepted under `strict` without casts, while the result
// and progress types are still inferred. Handler slots take `never` parameters: any two-argument handler is
// assignable there, whatever interface its first parameter names.

/**
 * A WinRT-shaped async object, ours or foreign: `status`, `completed`, `getResults()` and `cancel()` (what
 * `toPromise` reads). `id`, `errorCode` and `close` are not needed.
 */
export interface WinJSAsyncInfoInput {
  readonly status: number;
  completed: ((asyncInfo: never, asyncStatus: never) => void) | null | undefined;
  getResults(): unknown;
  cancel(): void;
}

/**
 * A projection's promise wrapper: a thenable with `cancel()` (the Chakra projection's `{ operation, then, done,
 * cancel }`, typed by `@types/winrt-uwp` as `IPromiseWithOperation`; react-native-winrt's and dynwinrt's
 * promises). Accepted where the package root's `toPromise` accepts it.
 */
export interface WinJSPromiseWrapperInput {
  then(...args: never[]): unknown;
  cancel(): void;
}

/** Everything `toWinJS` accepts. */
export type WinJSOperationInput = WinJSAsyncInfoInput | WinJSPromiseWrapperInput;

/**
 * The value an input completes with: `getResults()`'s type for an async object; for a wrapper, the value its `then`
 * passes on (read from the method's shape: `IPromise<T>`'s non-nullable callbacks do not fit `PromiseLike<unknown>`).
 */
export type WinJSResultOf<TOperation> = TOperation extends { getResults(): infer R }
  ? R
  : // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest method shape, to infer from any `then`
    TOperation extends { then(onComplete: (value: infer V) => any, ...rest: any[]): any }
    ? Awaited<V>
    : unknown;

type ProgressOfHandler<THandler> = THandler extends (asyncInfo: never, progressInfo: infer P) => void ? P : never;

/**
 * The progress an input reports: the second parameter of its `progress` handler slot (or of its `operation`'s,
 * for a wrapper); `never` for the kinds without progress.
 */
export type WinJSProgressOf<TOperation> = TOperation extends { progress: infer H }
  ? ProgressOfHandler<H>
  : TOperation extends { operation: { progress: infer H } }
    ? ProgressOfHandler<H>
    : never;
