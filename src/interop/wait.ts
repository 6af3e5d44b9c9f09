import { Waiting } from "../core/wait.js";
import { describe } from "../describe.js";
import type { AsyncInput, ResultOf } from "./input-types.js";
import { isWinRTShaped } from "./to-promise.js";

export { Waiting };

/**
 * Makes `x` awaitable with a typed result inside a coroutine body: `const file = yield* wait(op)` (a plain
 * `yield op` works too, but TypeScript types every `yield` alike, as `unknown`). `x` may be an operation of this
 * library, a WinRT-shaped object (typed by `@types/winrt-uwp` or not), a projection's promise wrapper or a
 * promise-like: whatever `toPromise` and the combinators accept. The body resumes on a later microtask with the
 * result, or the failure is thrown at the `yield*` (a `CanceledError` when `x` ended canceled). If the
 * coroutine is canceled meanwhile, `x` is canceled too unless `run` was given `propagateCancellation: false`.
 * Throws `TypeError` synchronously for a value that is none of these.
 */
export function wait<T extends AsyncInput>(x: T): Waiting<ResultOf<T>> {
  let ok = false;
  try {
    ok =
      x !== null &&
      (typeof x === "object" || typeof x === "function") &&
      (typeof (x as { then?: unknown }).then === "function" || isWinRTShaped(x));
  } catch {
    // A throwing getter: a `yield` of it would fail the same way; `wait` refuses it at once.
  }
  if (!ok) {
    throw new TypeError(
      `wait expects an async operation (ours or WinRT-shaped), a promise wrapper or a promise-like, got ${describe(x)}`,
    );
  }
  return new Waiting<ResultOf<T>>(x);
}
