// The outcome of an operation, decided by its status (DESIGN 4.7 #2): every consumer (await, toPromise, the
// combinators, coroutines, the WinJS view) is told `completed`, `error` or `canceled` as the status says, never
// guessed again from the value. An operation in `error` is an error whatever its `errorCode` is (a cancellation error
// included); only a rejection that has no status behind it (a plain promise, a wrapper) is classified by its value.
import { AsyncStatus } from "../status.js";
import { isCanceledError } from "../errors.js";

/** How an operation ended, as its status says: `completed`, `canceled` or `error` (the `AsyncStatus` values). */
export type Outcome = typeof AsyncStatus.completed | typeof AsyncStatus.canceled | typeof AsyncStatus.error;

/**
 * The outcome of a rejection that has no status behind it (a plain promise, a promise wrapper's rejection): a
 * cancellation error in any known shape (`isCanceledError`) is `canceled`, anything else `error`. Never throws.
 */
export function rejectionOutcome(reason: unknown): Outcome {
  return isCanceledError(reason) ? AsyncStatus.canceled : AsyncStatus.error;
}
