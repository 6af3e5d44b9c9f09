import { Waiting } from "../core/wait.js";
import { describe } from "../describe.js";
import type { AsyncInput, ResultOf } from "./input-types.js";
import { isWinRTShaped } from "./to-promise.js";
import { isOwnOperation } from "../core/async-core.js";
import { ThenReadFailure, readThen } from "../core/thenable.js";

export { Waiting };

/**
 * Makes `x` awaitable with a typed result inside a coroutine body: `const file = yield* wait(op)` (a plain
 * `yield op` works too, but TypeScript types every `yield` alike, as `unknown`). `x` may be an operation of this
 * library, a WinRT-shaped object (typed by `@types/winrt-uwp` or not), a projection's promise wrapper or a
 * promise-like: whatever `toPromise` and the combinators accept. The body resumes on a later microtask with the
 * result, or the failure is thrown at the `yield*` (a `CanceledError` when `x` ended canceled). If the
 * coroutine is canceled meanwhile, `x` is canceled too unless `run` was given `propagateCancellation: false`.
 * Throws `TypeError` synchronously for a value that is none of these (a `then` getter that throws is not refused
 * here: the `yield*` fails with what it threw).
 */
export function wait<T extends AsyncInput>(x: T): Waiting<ResultOf<T>> {
  if (isOwnOperation(x) || isWinRTShaped(x)) return new Waiting<ResultOf<T>>(x);
  // Any other value: its `then` read here, once (DESIGN 4.7 #3), and handed to the driver with it. A getter that
  // throws fails the `yield*` with what it threw, as `yield x` and `await x` do.
  let read: unknown;
  try {
    read = readThen(x);
  } catch (error) {
    return new Waiting<ResultOf<T>>(x, new ThenReadFailure(error));
  }
  if (read === undefined) {
    throw new TypeError(
      `wait expects an async operation (ours or WinRT-shaped), a promise wrapper or a promise-like, got ${describe(x)}`,
    );
  }
  return new Waiting<ResultOf<T>>(x, read);
}
