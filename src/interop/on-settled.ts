import { isOwnOperation, type SettleCallback } from "../core/async-core.js";
import { assertWinRTShaped, type ForeignOperation, subscribeForeign } from "./to-promise.js";

export type { SettleCallback };

const resolved = Promise.resolve();

/**
 * Internal to the package: tells `callback(outcome, value, token)` how an operation ended, once and always
 * asynchronously, as its status decides (DESIGN 4.7 #2): `completed` with the result; `error` with the failure
 * value, whatever it is; `canceled` with a `CanceledError`. On our operations it is a lean subscription that makes
 * no promise (so the combinators stay linear over 100,000 inputs) and never uses up `completed`; on a foreign
 * WinRT-shaped object the status is read once and, while `started`, its `completed` is assigned (as `toPromise`
 * does), through the same `foreignOutcome` that `toPromise` uses. Throws what subscribing throws synchronously (a
 * closed operation, a foreign `completed` already taken, `TypeError` for an object that is not WinRT-shaped).
 */
export function onSettled(op: unknown, callback: SettleCallback, token: number): void {
  if (isOwnOperation(op)) {
    op._subscribe(callback, token);
    return;
  }
  assertWinRTShaped(op, "toPromise");
  subscribeForeign(
    op as unknown as ForeignOperation,
    (outcome, value) => {
      // A foreign object may call its handler synchronously (inside the setter): deliver on a microtask always.
      void resolved.then(() => callback(outcome, value, token));
    },
    undefined,
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
