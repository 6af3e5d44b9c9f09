/**
 * The status of an asynchronous operation, with the numeric values of
 * `Windows.Foundation.AsyncStatus` and the camelCase member names of the WinRT JavaScript projection.
 *
 * `started` is the only transitional status; `completed`, `canceled` and `error` are terminal and never
 * change once reached. The object is frozen.
 */
export const AsyncStatus = Object.freeze({
  /** 0: the operation is running; the only status that can still change. */
  started: 0,
  /** 1: the operation finished with a result (`getResults()` returns it). */
  completed: 1,
  /** 2: the operation was canceled; `getResults()` throws `IllegalMethodCallError`, `errorCode` is `null`. */
  canceled: 2,
  /** 3: the operation failed; `errorCode` holds the failure and `getResults()` throws it. */
  error: 3,
} as const);

/** One of the four `AsyncStatus` values: `0 | 1 | 2 | 3`. */
export type AsyncStatus = (typeof AsyncStatus)[keyof typeof AsyncStatus];
