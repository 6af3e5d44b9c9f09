// The types of what the consumers (`toPromise`, `wait`, the combinators, `toWinJS`) ACCEPT, kept apart from the
// `IAsync*` interfaces, which describe what we PRODUCE. They are loose where the objects of other typings are:
// `@types/winrt-uwp` declares `status` as an ambient enum whose members are not assignable to `0 | 1 | 2 | 3`,
// `completed` as a non-null read-write property of its own handler type (under `strictFunctionTypes` a handler
// slot typed with our interfaces is compared contravariantly and fits neither way), and many objects handed to
// JavaScript lack `id`, `errorCode` or `close`. A handler slot typed `(asyncInfo: never, ...) => void` accepts
// every two-argument handler, and the library can still write its own handler into it without a cast.

/**
 * A WinRT-shaped action as consumers accept it: ours, one typed by `@types/winrt-uwp`, or a raw object from a
 * native binding. Only `status`, `completed`, `getResults()` and `cancel()` are required.
 */
export interface AsyncActionLike {
  /** The WinRT status number (0 started, 1 completed, 2 canceled, 3 error). */
  readonly status: number;
  /** The once-assignable completion handler slot. */
  completed: ((asyncInfo: never, asyncStatus: never) => void) | null | undefined;
  /** Returns nothing when completed; throws the failure in `error`. */
  getResults(): void;
  /** Requests cancellation. */
  cancel(): void;
}

/** A WinRT-shaped operation producing a `TResult`, as consumers accept it (see `AsyncActionLike`). */
export interface AsyncOperationLike<TResult> {
  /** The WinRT status number (0 started, 1 completed, 2 canceled, 3 error). */
  readonly status: number;
  /** The once-assignable completion handler slot. */
  completed: ((asyncInfo: never, asyncStatus: never) => void) | null | undefined;
  /** The result when completed; throws the failure in `error`. */
  getResults(): TResult;
  /** Requests cancellation. */
  cancel(): void;
}

/** A WinRT-shaped action that reports `TProgress`, as consumers accept it. */
export interface AsyncActionWithProgressLike<TProgress> extends AsyncActionLike {
  /** The replaceable progress handler slot. */
  progress: ((asyncInfo: never, progressInfo: TProgress) => void) | null | undefined;
}

/** A WinRT-shaped operation producing a `TResult` and reporting `TProgress`, as consumers accept it. */
export interface AsyncOperationWithProgressLike<TResult, TProgress> extends AsyncOperationLike<TResult> {
  /** The replaceable progress handler slot. */
  progress: ((asyncInfo: never, progressInfo: TProgress) => void) | null | undefined;
}

/**
 * The promise face that today's WinRT bridges hand out: a thenable with `cancel()`. The UWP JavaScript
 * projection's wrapper (`IPromiseWithOperation` in `@types/winrt-uwp`, with `operation` and progress through
 * `then`'s and `done`'s third argument), react-native-winrt's `WinRTPromise` (progress through `done`'s third
 * argument), dynwinrt's promise (`.progress(callback)`), a WinJS promise. Method-shaped, so wrappers whose `then`
 * callbacks are not nullable fit.
 */
export interface ProjectedPromiseLike<TResult> {
  /** Subscribes to the outcome. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  then(onfulfilled: (value: TResult) => any, onrejected: (reason: any) => any): any;
  /** Requests cancellation of the work behind the promise. */
  cancel(): void;
}

/**
 * One input of the consumers and combinators: an operation of this library, a WinRT-shaped object (typed by any
 * typings, or none), a projection's promise wrapper, or a plain promise-like.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AsyncInput = AsyncOperationLike<unknown> | ProjectedPromiseLike<unknown> | PromiseLike<any>;

/**
 * The value an input produces: `TResult` for an operation (ours or foreign, with or without progress), `void`
 * for an action, `Awaited<T>` for a wrapper or a promise-like. Distributes over unions.
 */
export type ResultOf<T> = T extends {
  /** Any WinRT status: what tells an operation apart from a promise-like. */
  readonly status: number;
  /** The accessor whose return type is the result. */
  getResults(): infer R;
}
  ? Awaited<R>
  : T extends ProjectedPromiseLike<infer R>
    ? Awaited<R>
    : Awaited<T>;
