/**
 * The status of an asynchronous operation, with the numeric values of
 * `Windows.Foundation.AsyncStatus` and the camelCase member names of the WinRT JavaScript projection.
 *
 * `started` is the only transitional status; `completed`, `canceled` and `error` are terminal and never
 * change once reached. The object is frozen.
 */
export const AsyncStatus = Object.freeze({
  started: 0,
  completed: 1,
  canceled: 2,
  error: 3,
} as const);

/** One of the four `AsyncStatus` values: `0 | 1 | 2 | 3`. */
export type AsyncStatus = (typeof AsyncStatus)[keyof typeof AsyncStatus];
