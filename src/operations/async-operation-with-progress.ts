import { AsyncStatus } from "../status.js";
import { AsyncProgressCore } from "../core/async-progress-core.js";
import { facadeFactory } from "../core/async-core.js";
import { followPromise, runBody, settled } from "../producers/start.js";
import type { AsyncProgressContext, IAsyncOperationWithProgress, RunOptions } from "../types.js";
import { brandClass } from "../brand.js";

/**
 * `IAsyncOperationWithProgress<TResult, TProgress>`: work that produces a `TResult` and reports `TProgress`
 * values through `progress` and `onProgress`. Made only by the static producers.
 */
export class AsyncOperationWithProgress<TResult, TProgress>
  extends AsyncProgressCore<TResult, TProgress, IAsyncOperationWithProgress<TResult, TProgress>>
  implements IAsyncOperationWithProgress<TResult, TProgress>
{
  private constructor() {
    super();
  }

  /** "AsyncOperationWithProgress": the kind's name, which `Object.prototype.toString` and `util.inspect` show. */
  get [Symbol.toStringTag](): "AsyncOperationWithProgress" {
    return "AsyncOperationWithProgress";
  }

  /**
   * Starts a coroutine body (a generator function): see `AsyncOperation.run`. `ctx.report` works as in any body.
   */
  static run<TResult, TProgress>(
    body: (ctx: AsyncProgressContext<TProgress>) => Generator<unknown, TResult, unknown>,
    options?: RunOptions,
  ): AsyncOperationWithProgress<TResult, TProgress>;
  /**
   * Starts `body` now, synchronously, with a context that can `report` progress, and returns the operation.
   * See `AsyncOperation.run` for the rules on values, throws and `options`.
   */
  static run<TResult, TProgress>(
    body: (ctx: AsyncProgressContext<TProgress>) => TResult | PromiseLike<TResult>,
    options?: RunOptions,
  ): AsyncOperationWithProgress<TResult, TProgress>;
  static run<TResult, TProgress>(
    body: (ctx: AsyncProgressContext<TProgress>) => unknown,
    options?: RunOptions,
  ): AsyncOperationWithProgress<TResult, TProgress> {
    return runBody(
      make() as AsyncOperationWithProgress<TResult, TProgress>,
      body,
      options,
      "AsyncOperationWithProgress.run",
    );
  }

  /** An operation already `completed` with `value`. */
  static fromResult<TResult, TProgress = never>(value: TResult): AsyncOperationWithProgress<TResult, TProgress> {
    return settled(make() as AsyncOperationWithProgress<TResult, TProgress>, AsyncStatus.completed, value);
  }

  /** An operation already in `error` with `error` (any value). */
  static fromError<TResult = never, TProgress = never>(error: unknown): AsyncOperationWithProgress<TResult, TProgress> {
    return settled(make() as AsyncOperationWithProgress<TResult, TProgress>, AsyncStatus.error, error);
  }

  /** An operation already `canceled`. */
  static canceled<TResult = never, TProgress = never>(): AsyncOperationWithProgress<TResult, TProgress> {
    return settled(make() as AsyncOperationWithProgress<TResult, TProgress>, AsyncStatus.canceled, undefined);
  }

  /** Wraps work that is already running; it never reports progress. See `AsyncOperation.fromPromise`. */
  static fromPromise<TResult, TProgress = never>(
    promiseLike: PromiseLike<TResult>,
    options?: RunOptions,
  ): AsyncOperationWithProgress<TResult, TProgress> {
    return followPromise(
      make() as AsyncOperationWithProgress<TResult, TProgress>,
      promiseLike,
      options,
      "AsyncOperationWithProgress.fromPromise",
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const make = facadeFactory(AsyncOperationWithProgress as { prototype: AsyncOperationWithProgress<any, any> });

// `instanceof AsyncOperationWithProgress` also recognizes operations of another copy of this library (the ESM and CommonJS builds).
brandClass(AsyncOperationWithProgress, "AsyncOperationWithProgress");
