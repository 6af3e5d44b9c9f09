import { AsyncStatus } from "../status.js";
import { AsyncProgressCore } from "../core/async-progress-core.js";
import { facadeFactory, keepsNoResult } from "../core/async-core.js";
import { followPromise, runBody, settled } from "../producers/start.js";
import type { AsyncProgressContext, IAsyncActionWithProgress, RunOptions } from "../types.js";
import { brandClass } from "../brand.js";

/**
 * `IAsyncActionWithProgress<TProgress>`: work with no result that reports `TProgress` values through
 * `progress` and `onProgress`. Made only by the static producers.
 */
export class AsyncActionWithProgress<TProgress>
  extends AsyncProgressCore<void, TProgress, IAsyncActionWithProgress<TProgress>>
  implements IAsyncActionWithProgress<TProgress>
{
  private constructor() {
    super();
  }

  /** "AsyncActionWithProgress": the kind's name, which `Object.prototype.toString` and `util.inspect` show. */
  get [Symbol.toStringTag](): "AsyncActionWithProgress" {
    return "AsyncActionWithProgress";
  }

  /**
   * Starts `body` now, synchronously, with a context that can `report` progress, and returns the action. See
   * `AsyncAction.run` for the rules on values, throws and `options`.
   */
  static run<TProgress>(
    body: (ctx: AsyncProgressContext<TProgress>) => unknown,
    options?: RunOptions,
  ): AsyncActionWithProgress<TProgress> {
    return runBody(make() as AsyncActionWithProgress<TProgress>, body, options, "AsyncActionWithProgress.run");
  }

  /** An action already `completed`. */
  static fromResult<TProgress = never>(): AsyncActionWithProgress<TProgress> {
    return settled(make() as AsyncActionWithProgress<TProgress>, AsyncStatus.completed, undefined);
  }

  /** An action already in `error` with `error` (any value). */
  static fromError<TProgress = never>(error: unknown): AsyncActionWithProgress<TProgress> {
    return settled(make() as AsyncActionWithProgress<TProgress>, AsyncStatus.error, error);
  }

  /** An action already `canceled`. */
  static canceled<TProgress = never>(): AsyncActionWithProgress<TProgress> {
    return settled(make() as AsyncActionWithProgress<TProgress>, AsyncStatus.canceled, undefined);
  }

  /** Wraps work that is already running; it never reports progress. See `AsyncAction.fromPromise`. */
  static fromPromise<TProgress = never>(
    promiseLike: PromiseLike<unknown>,
    options?: RunOptions,
  ): AsyncActionWithProgress<TProgress> {
    return followPromise(make() as AsyncActionWithProgress<TProgress>, promiseLike, options, "AsyncActionWithProgress.fromPromise");
  }
}

keepsNoResult(AsyncActionWithProgress);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const make = facadeFactory(AsyncActionWithProgress as { prototype: AsyncActionWithProgress<any> });

// `instanceof AsyncActionWithProgress` also recognizes operations of another copy of this library (the ESM and CommonJS builds).
brandClass(AsyncActionWithProgress, "AsyncActionWithProgress");
