import { type SettleCallback, isOwnOperation } from "../core/async-core.js";
import { isProjectedPromise, isWinRTShaped, toPromise, wrapperFailure } from "./to-promise.js";
import type { AsyncActionLike } from "./input-types.js";

/**
 * Internal to the package: how the coroutine driver awaits one yielded value. Calls `callback(ok, value, token)`
 * once, asynchronously, with the outcome, the way `toPromise(x)` (or `await x` for a plain thenable) would:
 * our operations through the lean subscription (nothing used up), foreign WinRT-shaped objects through
 * `toPromise` (their `completed` is assigned), wrappers through their `then` (a cancellation in any known
 * shape arrives as a `CanceledError`), other thenables through `Promise.resolve`. Returns false, calling
 * nothing, for a value that is none of these. Throws what subscribing throws synchronously (a closed
 * operation, a foreign `completed` already taken, a throwing `then` getter).
 */
export function awaitInput(value: unknown, callback: SettleCallback, token: number): boolean {
  if (isOwnOperation(value)) {
    value._subscribe(callback, token);
    return true;
  }
  if (isWinRTShaped(value)) {
    toPromise(value as AsyncActionLike).then(
      (result) => callback(true, result, token),
      (error: unknown) => callback(false, error, token),
    );
    return true;
  }
  if (isProjectedPromise(value)) {
    Promise.resolve(value).then(
      (result) => callback(true, result, token),
      (error: unknown) => callback(false, wrapperFailure(value, error), token),
    );
    return true;
  }
  if (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  ) {
    Promise.resolve(value).then(
      (result) => callback(true, result, token),
      (error: unknown) => callback(false, error, token),
    );
    return true;
  }
  return false;
}
