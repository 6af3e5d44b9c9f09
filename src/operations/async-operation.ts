import { AsyncStatus } from "../status.js";
import { AsyncCore, facadeFactory } from "../core/async-core.js";
import { followPromise, runBody, settled } from "../producers/start.js";
import type { AsyncContext, IAsyncOperation, RunOptions } from "../types.js";
import { brandClass } from "../brand.js";

/**
 * `IAsyncOperation<TResult>`: work that produces a `TResult`. Awaitable, cancelable, closable, disposable.
 * Made only by the static producers.
 */
export class AsyncOperation<TResult> extends AsyncCore<TResult, never, IAsyncOperation<TResult>>
  implements IAsyncOperation<TResult>
{
  private constructor() {
    super();
  }

  /** "AsyncOperation": the kind's name, which `Object.prototype.toString` and `util.inspect` show. */
  get [Symbol.toStringTag](): "AsyncOperation" {
    return "AsyncOperation";
  }

  /**
   * Starts a coroutine body (a generator function) now, synchronously to its first `yield`, and returns the
   * operation; the body's return value is the result. Each `yield x` (typed: `yield* wait(x)`) awaits `x` and is
   * a cancellation checkpoint; `cancel()` while the body waits cancels `x` too (unless
   * `options.propagateCancellation` is `false`) and unwinds the body with `return()` on a microtask (its
   * `finally` blocks run, its `catch` blocks do not; a `yield` inside `finally` is awaited). See the README's
   * "Coroutines" section for every rule. Throws as the other overload does, and `TypeError` for a
   * non-boolean `propagateCancellation`.
   */
  static run<TResult>(
    body: (ctx: AsyncContext) => Generator<unknown, TResult, unknown>,
    options?: RunOptions,
  ): AsyncOperation<TResult>;
  /**
   * Starts `body` now, synchronously, with its context, and returns the operation; a body that does not await
   * is finished before `run` returns. The body's value (or the value of the promise it returns) is the result.
   * A body that throws ends the operation in `error` (or `canceled` for a cancellation error); `run` itself
   * throws `TypeError` only for a non-function `body` or malformed options. An already-aborted
   * `options.signal` means the body never runs and the operation starts `canceled`.
   */
  static run<TResult>(body: (ctx: AsyncContext) => TResult | PromiseLike<TResult>, options?: RunOptions): AsyncOperation<TResult>;
  static run<TResult>(body: (ctx: AsyncContext) => unknown, options?: RunOptions): AsyncOperation<TResult> {
    return runBody(make() as AsyncOperation<TResult>, body, options, "AsyncOperation.run");
  }

  /** An operation already `completed` with `value`. */
  static fromResult<TResult>(value: TResult): AsyncOperation<TResult> {
    return settled(make() as AsyncOperation<TResult>, AsyncStatus.completed, value);
  }

  /** An operation already in `error` with `error` (any value, as `Promise.reject` takes). */
  static fromError<TResult = never>(error: unknown): AsyncOperation<TResult> {
    return settled(make() as AsyncOperation<TResult>, AsyncStatus.error, error);
  }

  /** An operation already `canceled`. */
  static canceled<TResult = never>(): AsyncOperation<TResult> {
    return settled(make() as AsyncOperation<TResult>, AsyncStatus.canceled, undefined);
  }

  /**
   * Wraps work that is already running (C#'s `AsAsyncOperation`). `cancel()` ends the operation but cannot stop
   * the work. Throws `TypeError` for a non-thenable or malformed options.
   */
  static fromPromise<TResult>(promiseLike: PromiseLike<TResult>, options?: RunOptions): AsyncOperation<TResult> {
    return followPromise(make() as AsyncOperation<TResult>, promiseLike, options, "AsyncOperation.fromPromise");
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const make = facadeFactory(AsyncOperation as { prototype: AsyncOperation<any> });

// `instanceof AsyncOperation` also recognizes operations of another copy of this library (the ESM and CommonJS builds).
brandClass(AsyncOperation, "AsyncOperation");
