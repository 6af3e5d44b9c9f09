import { AsyncStatus } from "../status.js";
import { AsyncCore, facadeFactory, keepsNoResult } from "../core/async-core.js";
import { followPromise, runBody, settled } from "../producers/start.js";
import type { AsyncContext, IAsyncAction, RunOptions } from "../types.js";
import { brandClass } from "../brand.js";

/**
 * `IAsyncAction`: work with no result. Awaitable (resolves to `undefined`), cancelable, closable, disposable.
 * Made only by the static producers.
 */
export class AsyncAction extends AsyncCore<void, never, IAsyncAction> implements IAsyncAction {
  private constructor() {
    super();
  }

  /** "AsyncAction": the kind's name, which `Object.prototype.toString` and `util.inspect` show. */
  get [Symbol.toStringTag](): "AsyncAction" {
    return "AsyncAction";
  }

  /**
   * Starts `body` now, synchronously, with its context, and returns the action; a body that does not await is
   * finished before `run` returns. A value or promise the body returns is awaited and then dropped. A body that
   * throws ends the action in `error` (or `canceled` for a cancellation error); `run` itself throws `TypeError`
   * only for a non-function `body` or malformed options. An already-aborted `options.signal` means the body
   * never runs and the action starts `canceled`. A generator function is a coroutine body, driven as
   * `AsyncOperation.run` describes (`yield* wait(x)` awaits, every `yield` is a cancellation checkpoint).
   */
  static run(body: (ctx: AsyncContext) => unknown, options?: RunOptions): AsyncAction {
    return runBody(make(), body, options, "AsyncAction.run");
  }

  /** An action already `completed`. */
  static fromResult(): AsyncAction {
    return settled(make(), AsyncStatus.completed, undefined);
  }

  /** An action already in `error` with `error` (any value, as `Promise.reject` takes). */
  static fromError(error: unknown): AsyncAction {
    return settled(make(), AsyncStatus.error, error);
  }

  /** An action already `canceled`. */
  static canceled(): AsyncAction {
    return settled(make(), AsyncStatus.canceled, undefined);
  }

  /**
   * Wraps work that is already running (C#'s `AsAsyncAction`). `cancel()` ends the action but cannot stop the
   * work. Throws `TypeError` for a non-thenable or malformed options.
   */
  static fromPromise(promiseLike: PromiseLike<unknown>, options?: RunOptions): AsyncAction {
    return followPromise(make(), promiseLike, options, "AsyncAction.fromPromise");
  }
}

keepsNoResult(AsyncAction);

const make = facadeFactory(AsyncAction);

// `instanceof AsyncAction` also recognizes operations of another copy of this library (the ESM and CommonJS builds).
brandClass(AsyncAction, "AsyncAction");
