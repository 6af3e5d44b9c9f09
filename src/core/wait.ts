import { describe } from "../describe.js";

/**
 * What `wait(x)` returns: an iterable for `yield*` inside a coroutine body (a generator function passed to
 * `run`). `const value = yield* wait(x)` hands `x` to the driver, which awaits it and resumes the body with its
 * result (typed `TResult`) or throws its failure at that line. Outside a coroutine body it does nothing useful.
 */
export class Waiting<TResult> implements IterableIterator<Waiting<TResult>, TResult, unknown> {
  /** @internal What the body awaits. */
  readonly _target: unknown;
  /** @internal 0 before the yield, 1 suspended, 2 done. */
  _step = 0;

  /** @internal Made by `wait`. */
  constructor(target: unknown) {
    this._target = target;
  }

  /** Itself the first time; a fresh iterator over the same value if it was used already (a `Waiting` kept and re-delegated to). */
  [Symbol.iterator](): Waiting<TResult> {
    return this._step === 0 ? this : new Waiting<TResult>(this._target);
  }

  /** Yields this object once (the driver recognizes it), then returns what the driver resumed the body with. */
  next(...[value]: [] | [unknown]): IteratorResult<Waiting<TResult>, TResult> {
    if (this._step === 0) {
      this._step = 1;
      return { done: false, value: this };
    }
    this._step = 2;
    return { done: true, value: value as TResult };
  }

  /**
   * Delegation from `generator.return()` (unwinding after cancel): ends at once. The parameter is typed `TResult`
   * because TypeScript counts it into the type a `yield*` produces.
   */
  return(value: TResult): IteratorResult<Waiting<TResult>, TResult> {
    this._step = 2;
    return { done: true, value };
  }

  /** Delegation from `generator.throw(error)` (the awaited value failed): the error surfaces at the `yield*`. */
  throw(error?: unknown): IteratorResult<Waiting<TResult>, TResult> {
    this._step = 2;
    throw error;
  }
}

/**
 * Validates a value passed to `wait`: our operations, WinRT-shaped objects, wrappers and thenables pass.
 * Throws `TypeError` otherwise.
 */
export function checkAwaitable(value: unknown, caller: string): void {
  let ok = false;
  try {
    ok =
      value !== null &&
      (typeof value === "object" || typeof value === "function") &&
      (typeof (value as { then?: unknown }).then === "function" ||
        (typeof (value as { getResults?: unknown }).getResults === "function" &&
          typeof (value as { cancel?: unknown }).cancel === "function" &&
          typeof (value as { status?: unknown }).status === "number" &&
          "completed" in value));
  } catch {
    // A throwing getter: `yield` would make the same value fail; `wait` refuses it at once.
  }
  if (!ok) {
    throw new TypeError(
      `${caller} expects an async operation (ours or WinRT-shaped), a promise wrapper or a promise-like, got ${describe(value)}`,
    );
  }
}
