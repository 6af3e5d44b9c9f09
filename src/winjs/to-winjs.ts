import { operationView, type WinJSOperationView } from "./winjs-promise.js";
import type { ResultOf } from "../interop/input-types.js";
import type { WinJSOperationInput, WinJSProgressOf } from "./inputs.js";

/**
 * The face the UWP JavaScript projection gave WinRT async objects: a `WinJSPromise` that completes with the
 * operation's result, fails with its error, and for a canceled operation errors with WinJS's "Canceled" error
 * (an `Error` whose `name` and `message` are "Canceled", its `cause` the `CanceledError`). Progress reaches
 * `then`/`done` progress handlers; `cancel()` cancels the operation; `.operation` is the object given.
 *
 * Accepts what `toPromise` accepts: our operations (all four kinds), foreign WinRT-shaped objects (including those
 * typed by `@types/winrt-uwp`) and the projections' promise wrappers (`IPromiseWithOperation`, react-native-winrt's
 * and dynwinrt's promises). Built on `toPromise`: our operations are not used up (their `completed` stays free); a
 * foreign object's `completed` (and `progress`) is assigned once; a wrapper's operation is never assigned. Asking
 * twice for the same object gives the same promise.
 * The promise settles a microtask after the operation does (the core's delivery rule); from then on WinJS's
 * synchronous delivery applies. How it ends is decided by the status (DESIGN 4.7 #2), which is read once: an operation
 * in `error` errors it with its failure even when that is a cancellation error; only `canceled` gives "Canceled". A
 * wrapper, which has no status, is classified by its rejection (a cancellation in any known shape is "Canceled").
 *
 * Throws synchronously: `TypeError` for something that is not an async operation or wrapper; what `toPromise`
 * throws (`IllegalMethodCallError` for a closed operation of ours, `IllegalDelegateAssignmentError` for a foreign
 * object whose `completed` was already taken).
 */
export function toWinJS<TOperation extends WinJSOperationInput>(
  operation: TOperation,
): WinJSOperationView<ResultOf<TOperation>, WinJSProgressOf<TOperation>, TOperation> {
  // `operationView` checks the shape (a foreign object's `status` read once) and throws what is described above.
  return operationView(operation) as WinJSOperationView<ResultOf<TOperation>, WinJSProgressOf<TOperation>, TOperation>;
}
