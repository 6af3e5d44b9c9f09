// WinJS's cancellation value and the two ways WinJS recognises it. WinJS tests `message` in some places
// (the `error` event, `done`) and `name` in others (`join`, `any`); ported code depends on both, so both stay.

/** The name and message of WinJS's cancellation error. */
export const CANCELED = "Canceled";

/**
 * WinJS's cancellation error: an `Error` whose `name` and `message` are both "Canceled" (what
 * `WinJS.Promise.prototype.cancel` errors a promise with). `cause`, when given, records what canceled it
 * (a `CanceledError` of an operation that ended canceled). `isCanceledError` accepts it.
 */
export function canceledError(cause?: unknown): Error {
  const error = cause === undefined ? new Error(CANCELED) : new Error(CANCELED, { cause });
  error.name = CANCELED;
  return error;
}

/**
 * The test of WinJS's `error` event and `done`: an `Error` whose message is "Canceled". Never throws: a value whose
 * traps or getters throw (a revoked Proxy) is not WinJS's cancellation, just an error (DESIGN 4.7 #4).
 */
export function hasCanceledMessage(value: unknown): boolean {
  try {
    return value instanceof Error && value.message === CANCELED;
  } catch {
    return false;
  }
}

/** The test of WinJS's `join` and `any`: an `Error` whose name is "Canceled". Never throws (see `hasCanceledMessage`). */
export function hasCanceledName(value: unknown): boolean {
  try {
    return value instanceof Error && value.name === CANCELED;
  } catch {
    return false;
  }
}
