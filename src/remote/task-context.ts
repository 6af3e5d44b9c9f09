// The `ctx` a task body receives where it runs remotely (a worker thread, a browser worker, a queue consumer):
// the same `AsyncProgressContext` that `AsyncOperationWithProgress.run` gives an in-process body, so a body moves
// between the two unchanged. Everything costly (the AbortController, the callback list, the CanceledError) is
// made on first need: most tasks never look at cancellation.
import { CanceledError } from "../errors.js";
import { reportListenerError } from "../report.js";
import { describe } from "../describe.js";
import { disposeSymbol } from "../symbols.js";
import type { AsyncProgressContext, Disposable } from "../types.js";
import { CANCEL_BIT } from "./wire.js";

/** Where a `RemoteTaskContext` sends what its body reports. */
export interface TaskContextHost<K> {
  /** Receives each `ctx.report(value)` made while the task runs and is not canceled. Should not throw. */
  taskProgress(key: K, value: unknown): void;
}

const RUNNING = 0;
const CANCELED = 1;
const ENDED = 2;

const noopDisposable: Disposable = Object.freeze({
  [disposeSymbol](): void {
    /* nothing was registered */
  },
});

/**
 * The remote-side body context. `signal` (made on first read) aborts with a `CanceledError` as its reason;
 * `canceled` and `throwIfCanceled()` also read the task's shared flag when one was given (a slot of an
 * `Int32Array` over a `SharedArrayBuffer` that the host sets: `CANCEL_BIT`), so a CPU-bound loop sees a cancel
 * without receiving a message; `onCancel` callbacks run once, inside `cancel()` (or at registration when already
 * canceled); `report` hands values to the host while the task runs and is not canceled.
 *
 * The runtime that owns the context calls `cancel()` when the cancel request arrives and `end()` when the body has
 * settled (afterwards `report` does nothing and the shared flag is no longer read, as its slot may be reused).
 *
 * @typeParam K - the key the host knows the task by (a slot number, a job id)
 */
export class RemoteTaskContext<K = number> implements AsyncProgressContext<unknown> {
  // Plain fields (not #private): one context is made per task, on the hot path.
  private _state = RUNNING;
  private readonly _host: TaskContextHost<K>;
  private readonly _key: K;
  private _flags: Int32Array | null;
  private readonly _flagIndex: number;
  private _controller: AbortController | undefined = undefined;
  private _callbacks: (() => void)[] | null = null;
  private _error: CanceledError | undefined = undefined;

  /**
   * @param host - receives progress
   * @param key - the task's key, passed back to `host`
   * @param flags - the shared flag array, or `null` where there is no `SharedArrayBuffer`
   * @param flagIndex - the task's index in `flags`
   */
  constructor(host: TaskContextHost<K>, key: K, flags: Int32Array | null = null, flagIndex = -1) {
    this._host = host;
    this._key = key;
    this._flags = flagIndex >= 0 ? flags : null;
    this._flagIndex = flagIndex;
  }

  /** Aborted, with a `CanceledError` as its `reason`, when the task is canceled. Made on first read. */
  get signal(): AbortSignal {
    if (this._controller === undefined) {
      this._controller = new AbortController();
      if (this.canceled) this._controller.abort(this._canceledError());
    }
    return this._controller.signal;
  }

  /** True once the task was canceled (by the cancel request or, where shared, by the flag the host set). */
  get canceled(): boolean {
    if (this._state === CANCELED) return true;
    const flags = this._flags;
    if (this._state === RUNNING && flags !== null && (Atomics.load(flags, this._flagIndex) & CANCEL_BIT) !== 0) {
      // The flag is ahead of the cancel message: cancel now, so callbacks and the signal agree with `canceled`.
      this.cancel();
      return true;
    }
    return false;
  }

  /** Throws the task's `CanceledError` (the same object every time) if it was canceled. */
  throwIfCanceled(): void {
    if (this.canceled) throw this._canceledError();
  }

  /**
   * Registers `callback` to run once when the task is canceled; already canceled, it runs at once, during
   * registration; on a task that ended otherwise it never runs. The returned `Disposable` removes it. A callback
   * that throws is reported like a throwing event listener. Throws `TypeError` if `callback` is not a function.
   */
  onCancel(callback: () => void): Disposable {
    if (typeof callback !== "function") {
      throw new TypeError(`onCancel expects a function, got ${describe(callback)}`);
    }
    if (this.canceled) {
      invoke(callback);
      return noopDisposable;
    }
    if (this._state === ENDED) return noopDisposable;
    const entry = (): void => callback();
    (this._callbacks ??= []).push(entry);
    return {
      [disposeSymbol]: (): void => {
        const list = this._callbacks;
        const index = list === null ? -1 : list.indexOf(entry);
        if (index >= 0) list!.splice(index, 1);
      },
    };
  }

  /** Sends `progress` to the host while the task runs and is not canceled; otherwise does nothing. Never throws. */
  report(progress: unknown): void {
    if (this._state !== RUNNING) return;
    try {
      this._host.taskProgress(this._key, progress);
    } catch (error) {
      reportListenerError(error);
    }
  }

  /**
   * Cancels the task: `canceled` becomes true, the `onCancel` callbacks run in registration order, the signal (if
   * made) aborts with the `CanceledError`. Does nothing once canceled or ended. Never throws.
   */
  cancel(): void {
    if (this._state !== RUNNING) return;
    this._state = CANCELED;
    const callbacks = this._callbacks;
    this._callbacks = null;
    if (callbacks !== null) for (const callback of callbacks) invoke(callback);
    this._controller?.abort(this._canceledError());
  }

  /** Marks the body as settled: later reports are dropped, callbacks released, the shared flag no longer read. */
  end(): void {
    if (this._state === RUNNING) this._state = ENDED;
    this._callbacks = null;
    this._flags = null;
  }

  /** The task's `CanceledError`, made once. */
  _canceledError(): CanceledError {
    return (this._error ??= new CanceledError());
  }
}

function invoke(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reportListenerError(error);
  }
}
