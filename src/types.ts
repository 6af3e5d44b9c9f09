import type { AsyncStatus } from "./status.js";

/**
 * Something that frees what it holds when `[Symbol.dispose]()` is called. The symbol is
 * `Symbol.dispose ?? Symbol.for("Symbol.dispose")`, so `using` works where the runtime has it.
 */
export interface Disposable {
  /** Frees what the object holds; calling it again does nothing. */
  [Symbol.dispose](): void;
}

/**
 * `Windows.Foundation.IAsyncInfo`: what every WinRT-shaped asynchronous object has, ours or one a native
 * binding made. Members are camelCase as in the WinRT JavaScript projection.
 */
export interface IAsyncInfo {
  /** A positive integer that identifies the operation. */
  readonly id: number;
  /** The current status; `started` until the operation ends, then one terminal value forever. */
  readonly status: AsyncStatus;
  /** The error of an operation in `error` status; `null` in every other status. */
  readonly errorCode: Error | null;
  /** Requests cancellation. Does nothing unless the operation is `started`. */
  cancel(): void;
  /** Releases the operation; allowed only in a terminal status. */
  close(): void;
}

/** Called once with the action and its terminal status. */
export type AsyncActionCompletedHandler = (asyncInfo: IAsyncAction, asyncStatus: AsyncStatus) => void;
/** Called with the action and one progress value. */
export type AsyncActionProgressHandler<TProgress> = (
  asyncInfo: IAsyncActionWithProgress<TProgress>,
  progressInfo: TProgress,
) => void;
/** Called once with the action and its terminal status. */
export type AsyncActionWithProgressCompletedHandler<TProgress> = (
  asyncInfo: IAsyncActionWithProgress<TProgress>,
  asyncStatus: AsyncStatus,
) => void;
/** Called once with the operation and its terminal status; read the result with `asyncInfo.getResults()`. */
export type AsyncOperationCompletedHandler<TResult> = (
  asyncInfo: IAsyncOperation<TResult>,
  asyncStatus: AsyncStatus,
) => void;
/** Called with the operation and one progress value. */
export type AsyncOperationProgressHandler<TResult, TProgress> = (
  asyncInfo: IAsyncOperationWithProgress<TResult, TProgress>,
  progressInfo: TProgress,
) => void;
/** Called once with the operation and its terminal status; read the result with `asyncInfo.getResults()`. */
export type AsyncOperationWithProgressCompletedHandler<TResult, TProgress> = (
  asyncInfo: IAsyncOperationWithProgress<TResult, TProgress>,
  asyncStatus: AsyncStatus,
) => void;

/** `Windows.Foundation.IAsyncAction`: work with no result. */
export interface IAsyncAction extends IAsyncInfo {
  /** The handler called once when the action ends; assignable once. */
  completed: AsyncActionCompletedHandler | null;
  /** Returns nothing when `completed`; throws the error in `error`. */
  getResults(): void;
}

/** `Windows.Foundation.IAsyncActionWithProgress<TProgress>`: work with no result that reports progress. */
export interface IAsyncActionWithProgress<TProgress> extends IAsyncInfo {
  /**
   * WinRT's progress handler, called with two arguments, `(sender, progress)`: a one-parameter function compiles
   * but receives the sender. Our operations also have `onProgress(listener)`, which passes the value alone.
   * Replaceable at any time.
   */
  progress: AsyncActionProgressHandler<TProgress> | null;
  /** The handler called once when the action ends; assignable once. */
  completed: AsyncActionWithProgressCompletedHandler<TProgress> | null;
  /** Returns nothing when `completed`; throws the error in `error`. */
  getResults(): void;
}

/** `Windows.Foundation.IAsyncOperation<TResult>`: work that produces a `TResult`. */
export interface IAsyncOperation<TResult> extends IAsyncInfo {
  /** The handler called once when the operation ends; assignable once. */
  completed: AsyncOperationCompletedHandler<TResult> | null;
  /** The result when `completed`; throws the error in `error`. */
  getResults(): TResult;
}

/** `Windows.Foundation.IAsyncOperationWithProgress<TResult, TProgress>`. */
export interface IAsyncOperationWithProgress<TResult, TProgress> extends IAsyncInfo {
  /**
   * WinRT's progress handler, called with two arguments, `(sender, progress)`: a one-parameter function compiles
   * but receives the sender. Our operations also have `onProgress(listener)`, which passes the value alone.
   * Replaceable at any time.
   */
  progress: AsyncOperationProgressHandler<TResult, TProgress> | null;
  /** The handler called once when the operation ends; assignable once. */
  completed: AsyncOperationWithProgressCompletedHandler<TResult, TProgress> | null;
  /** The result when `completed`; throws the error in `error`. */
  getResults(): TResult;
}

/**
 * Any of the four WinRT async interfaces, whatever their type arguments. `any` rather than `unknown`: the handler
 * types take the operation as a parameter, so `IAsyncOperation<number>` is not an `IAsyncOperation<unknown>`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyAsyncInfo =
  | IAsyncAction
  | IAsyncActionWithProgress<any>
  | IAsyncOperation<any>
  | IAsyncOperationWithProgress<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** What a body passed to `run` receives: its view of cancellation. */
export interface AsyncContext {
  /** Aborted (with a `CanceledError` as its reason) when the operation is canceled. Created on first read. */
  readonly signal: AbortSignal;
  /** True once the operation was canceled. */
  readonly canceled: boolean;
  /** Throws the operation's `CanceledError` if it was canceled; otherwise does nothing. */
  throwIfCanceled(): void;
  /**
   * Registers a callback that runs synchronously inside `cancel()`, once. Registered after cancellation, it
   * runs at once, during registration; on an operation that ended otherwise it never runs. The returned
   * `Disposable` removes it. Throws `TypeError` if `callback` is not a function.
   */
  onCancel(callback: () => void): Disposable;
}

/** The body context of the progress kinds: an `AsyncContext` that can also report progress. */
export interface AsyncProgressContext<TProgress> extends AsyncContext {
  /**
   * Delivers `progress` synchronously to the `progress` handler and every `onProgress` listener, in order.
   * Does nothing once the operation is terminal. Never throws.
   */
  report(progress: TProgress): void;
}

/** Options of `run` and `fromPromise`. */
export interface RunOptions {
  /** Cancels the operation when aborted; already aborted means the operation starts `canceled`. */
  readonly signal?: AbortSignal | undefined;
  /** A free-form label, exposed as `description`. */
  readonly description?: string | undefined;
  /**
   * Coroutine bodies only (a generator function passed to `run`): whether `cancel()` also cancels the value the
   * body is waiting on at its `yield` (default `true`). With `false` that value keeps running and only the body
   * unwinds. Ignored by other bodies and by `fromPromise`; a non-boolean throws `TypeError`.
   */
  readonly propagateCancellation?: boolean | undefined;
}
