/**
 * What `wait(x)` returns: an iterable for `yield*` inside a coroutine body (a generator function passed to
 * `run`). `const value = yield* wait(x)` hands `x` to the driver, which awaits it and resumes the body with its
 * result (typed `TResult`) or throws its failure at that line. Outside a coroutine body it does nothing useful.
 */
// `Iterator<T, TReturn, TNext>` (iterable through `[Symbol.iterator]` below), not `IterableIterator<...>`: the latter
// takes three type arguments only from TypeScript 5.6, and the shipped types must compile from 5.2 (README).
export class Waiting<TResult> implements Iterator<Waiting<TResult>, TResult, unknown> {
  /** @internal What the body awaits. */
  readonly _target: unknown;
  /**
   * @internal What `wait` read of the target's `then` (read once, DESIGN 4.7 #3): the function, a `ThenReadFailure`
   * when reading threw, or `undefined` when it was not read (an operation, ours or WinRT-shaped).
   */
  readonly _read: unknown;
  /** @internal 0 before the yield, 1 suspended, 2 done. */
  _step = 0;
  /**
   * @internal The object is its own iterator result (`next()` returns `this` with `done` and `value` set): `yield*`
   * reads the result at once, so one object per wait serves where three would be made (bench/coroutine.bench.mjs).
   */
  done = false;
  /** @internal See `done`: this object while suspended, then the value the body resumes with. */
  value: unknown = undefined;

  /** @internal Made by `wait`. */
  constructor(target: unknown, read?: unknown) {
    this._target = target;
    this._read = read;
  }

  /** Itself the first time; a fresh iterator over the same value if it was used already (a `Waiting` kept and re-delegated to). */
  [Symbol.iterator](): Waiting<TResult> {
    return this._step === 0 ? this : new Waiting<TResult>(this._target, this._read);
  }

  /** Yields this object once (the driver recognizes it), then returns what the driver resumed the body with. */
  next(...[value]: [] | [unknown]): IteratorResult<Waiting<TResult>, TResult> {
    if (this._step === 0) {
      this._step = 1;
      this.value = this;
    } else {
      this._step = 2;
      this.done = true;
      this.value = value;
    }
    return this as IteratorResult<Waiting<TResult>, TResult>;
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
