import { isOwnOperation, type SettleCallback } from "../core/async-core.js";
import type { IAsyncAction } from "../types.js";
import { toPromise } from "./to-promise.js";

export type { SettleCallback };

/**
 * Internal to the package (not exported from the root): tells `callback(ok, value, token)` the outcome of an operation,
 * once and always asynchronously, the way `toPromise(op).then(...)` would: the result; the failure; or, for a
 * canceled operation, a `CanceledError`. On our operations it is a lean subscription that makes no promise (so
 * the combinators stay linear over 100,000 inputs) and never uses up `completed`; on a foreign WinRT-shaped
 * object it goes through `toPromise` (which assigns its `completed`). Throws what `toPromise` throws
 * synchronously (a closed operation, a foreign `completed` already taken).
 */
export function onSettled(op: unknown, callback: SettleCallback, token: number): void {
  if (isOwnOperation(op)) {
    op._subscribe(callback, token);
    return;
  }
  toPromise(op as IAsyncAction).then(
    (value) => callback(true, value, token),
    (error: unknown) => callback(false, error, token),
  );
}

/**
 * Internal to the package: undoes `onSettled(op, callback, token)` on our operations (a consumer giving up), so a
 * long-lived operation keeps nothing of it; on a foreign object there is nothing to undo (its `completed` stays
 * assigned). Never throws.
 */
export function offSettled(op: unknown, callback: SettleCallback, token: number): void {
  if (isOwnOperation(op)) op._unsubscribe(callback, token);
}
