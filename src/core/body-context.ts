import { AsyncStatus } from "../status.js";
import type { AsyncProgressContext, Disposable } from "../types.js";
import type { AsyncCore } from "./async-core.js";
import type { Outcome } from "./outcome.js";

/**
 * The `ctx` a body receives. One small object holding only its operation; everything costly behind it
 * (the `AbortController`, the callback list) is made by the operation on first use.
 */
export class BodyContext<TProgress> implements AsyncProgressContext<TProgress> {
  // A plain field rather than `#operation`: this object is made once per `run`, on the hot path.
  /** @internal */
  readonly _operation: AsyncCore<unknown, TProgress, unknown>;

  constructor(operation: AsyncCore<unknown, TProgress, unknown>) {
    this._operation = operation;
  }

  get signal(): AbortSignal {
    return this._operation._signal();
  }

  get canceled(): boolean {
    return (this._operation._state & 3) === AsyncStatus.canceled;
  }

  throwIfCanceled(): void {
    if (this.canceled) throw this._operation._canceledError();
  }

  onCancel(callback: () => void): Disposable {
    return this._operation._onCancel(callback);
  }

  report(progress: TProgress): void {
    this._operation._report(progress);
  }
}

/**
 * Internal to the package: whether a `ctx.report()` now would reach anybody (see
 * `AsyncCore._hasProgressSubscribers`); true for a context this library did not make.
 */
export function hasProgressSubscribers(ctx: unknown): boolean {
  return !(ctx instanceof BodyContext) || (ctx as BodyContext<unknown>)._operation._hasProgressSubscribers();
}

/**
 * Internal to the package: ends the operation of `ctx` now with `outcome` (as the status of what decided it says,
 * DESIGN 4.7 #2), before the body's promise settles (see `AsyncCore._decide`). The combinators call it to decide
 * their outcome before they cancel the inputs they no longer need. Does nothing for a context this library did not
 * make.
 */
export function decideOutcome(ctx: unknown, outcome: Outcome, value: unknown): void {
  if (ctx instanceof BodyContext) (ctx as BodyContext<unknown>)._operation._decide(outcome, value);
}
