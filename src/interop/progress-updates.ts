import { CanceledError } from "../errors.js";
import { readSignalOptions } from "../options.js";
import { isOwnOperation } from "../core/async-core.js";
import { unwatchAbort, watchAbort } from "../core/abort-watch.js";
import { signalAborted, signalReason } from "../abort-signal.js";
import type { AsyncProgressCore } from "../core/async-progress-core.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";
import { assertWinRTShaped, toPromise } from "./to-promise.js";
import type { AsyncActionWithProgressLike, AsyncOperationWithProgressLike } from "./input-types.js";

/** Options of `progressUpdates`. */
export interface ProgressUpdatesOptions {
  /** Stops the iteration: a pending or later `next()` rejects with a `CanceledError` (cause: the reason). The operation is not canceled. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The progress of an operation as an async iterator: yields each value reported while the consumer keeps up,
 * and ends when the operation settles (in any status; read the outcome with `await op`). A slow consumer sees
 * the latest value, values in between are conflated, so nothing is buffered without bound; the last value
 * reported before the operation settled is always yielded before the end.
 *
 * Iterating does not count as observing the operation's error, and on our operations uses up nothing. On a
 * foreign object it assigns `completed` and `progress` (as `toPromise` does). `return()` (a `break` out of
 * `for await`) removes every listener. Throws `TypeError` for something that is not WinRT-shaped or for
 * malformed options.
 */
export function progressUpdates<TResult, TProgress>(
  op: AsyncOperationWithProgressLike<TResult, TProgress>,
  options?: ProgressUpdatesOptions,
): AsyncIterableIterator<TProgress>;
/** `progressUpdates` for an action with progress. See the first overload for the guarantees. */
export function progressUpdates<TProgress>(
  op: AsyncActionWithProgressLike<TProgress>,
  options?: ProgressUpdatesOptions,
): AsyncIterableIterator<TProgress>;
export function progressUpdates<TProgress>(
  op: IAsyncInfoWithProgress<TProgress>,
  options?: ProgressUpdatesOptions,
): AsyncIterableIterator<TProgress> {
  const { signal } = readSignalOptions(options, "progressUpdates");
  if (isOwnOperation(op)) {
    op._checkOpen();
    if (typeof (op as { onProgress?: unknown }).onProgress !== "function") {
      throw new TypeError(
        "progressUpdates expects an operation with progress (an AsyncActionWithProgress or AsyncOperationWithProgress), got one without",
      );
    }
  } else {
    assertWinRTShaped(op, "progressUpdates");
    if (!("progress" in op)) {
      throw new TypeError(
        "progressUpdates expects an operation with progress (an object with a progress property), got one without",
      );
    }
  }
  return new ProgressIterator<TProgress>(op, signal);
}

type Waiter<T> = { resolve: (result: IteratorResult<T>) => void; reject: (reason: unknown) => void };

class ProgressIterator<TProgress> implements AsyncIterableIterator<TProgress> {
  private latest: TProgress | undefined = undefined;
  private hasLatest = false;
  private ended = false;
  private failure: unknown = undefined;
  /** Concurrent `next()` calls wait in order; each new value goes to the oldest. */
  private readonly waiters: Waiter<TProgress>[] = [];
  private subscription: Disposable | undefined = undefined;
  /** Our operation and the end callback subscribed to it, undone by `stop()` (a `return()` holds nothing). */
  private own: AsyncProgressCore<unknown, TProgress, unknown> | undefined = undefined;
  private ownEnd: (() => boolean) | undefined = undefined;
  private readonly signal: AbortSignal | undefined;

  /** The signal of the options aborted (abort-watch.ts calls this). */
  _signalAborted(reason: unknown): void {
    this.failure = new CanceledError(undefined, { cause: reason });
    this.hasLatest = false;
    this.latest = undefined;
    this.stop();
  }

  constructor(op: IAsyncInfoWithProgress<TProgress>, signal: AbortSignal | undefined) {
    this.signal = signal;
    if (signal !== undefined && signalAborted(signal)) {
      this._signalAborted(signalReason(signal));
      return;
    }
    const push = (progress: TProgress): void => this.push(progress);
    const end = (): void => this.stop();
    if (isOwnOperation(op)) {
      const own = op as AsyncProgressCore<unknown, TProgress, unknown>;
      if ((own._state & 3) !== 0) {
        this.ended = true;
        return;
      }
      this.subscription = own.onProgress(push);
      // A lean subscription that declines the outcome (returns false): iterating must not count as observing the
      // operation's error. Undone by `stop()`, so giving up early leaves nothing on a long-lived operation.
      const ownEnd = (): boolean => {
        this.own = this.ownEnd = undefined;
        this.stop();
        return false;
      };
      this.own = own;
      this.ownEnd = ownEnd;
      own._subscribe(ownEnd, 0);
    } else {
      toPromise(op, { onProgress: push }).then(end, end);
    }
    if (!this.ended && signal !== undefined) watchAbort(signal, this);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<TProgress> {
    return this;
  }

  next(): Promise<IteratorResult<TProgress>> {
    if (this.hasLatest) {
      const value = this.latest as TProgress;
      this.hasLatest = false;
      this.latest = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return this.finished();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }

  return(): Promise<IteratorResult<TProgress>> {
    this.hasLatest = false;
    this.latest = undefined;
    this.failure = undefined;
    this.stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  private finished(): Promise<IteratorResult<TProgress>> {
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  private push(progress: TProgress): void {
    if (this.ended) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve({ value: progress, done: false });
    } else {
      this.latest = progress;
      this.hasLatest = true;
    }
  }

  private stop(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.signal !== undefined) unwatchAbort(this.signal, this);
    this.subscription?.[disposeSymbol]();
    this.subscription = undefined;
    if (this.own !== undefined) {
      this.own._unsubscribe(this.ownEnd!, 0);
      this.own = this.ownEnd = undefined;
    }
    // Waiting means nothing was stored, so the end (or the abort) is what they get.
    const waiters = this.waiters.splice(0);
    for (const waiter of waiters) {
      if (this.failure !== undefined) waiter.reject(this.failure);
      else waiter.resolve({ value: undefined, done: true });
    }
    // The abort is reported once: to the waiters if there were any, else to the next `next()`.
    if (waiters.length > 0) this.failure = undefined;
  }
}

type IAsyncInfoWithProgress<TProgress> = AsyncOperationWithProgressLike<unknown, TProgress>;
