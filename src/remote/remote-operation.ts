// The host side of a remote task: a real `AsyncOperationWithProgress` (`instanceof` the root's class, the same
// facade, the same engine) that something other than a local body settles. Its owner (a worker pool, a job
// client) settles it through the engine's internal `_settle`/`_fail`/`_cancel`/`_report`, and hears of a cancel
// through one method of its own instead of an `onCancel` registration per operation.
import { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { AsyncStatus } from "../status.js";
import { ids } from "../core/next-id.js";
import { asyncDisposeSymbol } from "../symbols.js";

/** What a `RemoteOperation` tells its owner. */
export interface RemoteOwner {
  /**
   * Called synchronously inside `cancel()` (after the status became `canceled`, from the operation's own
   * `cancel()`, a linked signal or a cancellation error passed to `_fail`), so the owner can tell the remote side.
   * Must not throw.
   */
  remoteCanceled(op: RemoteOperation<unknown, unknown>): void;
}

/**
 * An `AsyncOperationWithProgress` settled by a `RemoteOwner`. The extra fields belong to the owner (declared
 * here so every remote operation has one shape): `_where` is where the task is (a worker, `null` while queued),
 * `_key` its key there (a slot, a job id), `_name`/`_input`/`_xfer` what to send, `_timer` a pending grace timer.
 * `[Symbol.asyncDispose]` waits until the owner calls `_bodyEnded()` (the remote body unwound, or its thread was
 * terminated) when `_bodyRunning` is true.
 */
export interface RemoteOperation<TResult, TProgress> extends AsyncOperationWithProgress<TResult, TProgress> {
  _owner: RemoteOwner | null;
  _where: unknown;
  _key: unknown;
  _name: string;
  _input: unknown;
  _xfer: readonly Transferable[] | undefined;
  _timer: ReturnType<typeof setTimeout> | undefined;
  _bodyRunning: boolean;
  _waiters: (() => void)[] | null;
  /** The remote body has ended (or can no longer run): resolves pending `[Symbol.asyncDispose]` calls. */
  _bodyEnded(): void;
}

type AnyRemote = RemoteOperation<unknown, unknown>;

// The facade's prototype with two members of its own. Instances are made by a plain function (as the facades'
// own maker does, see `facadeFactory`), so they are ordinary instances of AsyncOperationWithProgress.
const base = AsyncOperationWithProgress.prototype as unknown as AnyRemote;
const proto = Object.create(base) as AnyRemote;

Object.defineProperties(proto, {
  _cancel: {
    value: function (this: AnyRemote, cause: unknown, hasCause: boolean): void {
      base._cancel.call(this, cause, hasCause);
      const owner = this._owner;
      if (owner !== null) owner.remoteCanceled(this);
    },
    writable: true,
    configurable: true,
  },
  _bodyEnded: {
    value: function (this: AnyRemote): void {
      this._bodyRunning = false;
      const waiters = this._waiters;
      if (waiters === null) return;
      this._waiters = null;
      for (const waiter of waiters) waiter();
    },
    writable: true,
    configurable: true,
  },
  [asyncDisposeSymbol]: {
    /** Cancels if running, waits for the remote body's `finally` blocks (or its thread's end), then closes. */
    value: function (this: AnyRemote): Promise<void> {
      this.cancel();
      if (!this._bodyRunning) {
        this.close();
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        (this._waiters ??= []).push(() => {
          this.close();
          resolve();
        });
      });
    },
    writable: true,
    configurable: true,
  },
});

function RemoteOp(this: AnyRemote, owner: RemoteOwner | null): void {
  // The three engine fields first, exactly as the facades' maker sets them.
  this._state = AsyncStatus.started;
  this._slot = undefined;
  (this as { _id: number })._id = ids.next++;
  this._owner = owner;
  this._where = null;
  this._key = -1;
  this._name = "";
  this._input = undefined;
  this._xfer = undefined;
  this._timer = undefined;
  this._bodyRunning = false;
  this._waiters = null;
}
RemoteOp.prototype = proto;
const Make = RemoteOp as unknown as new (owner: RemoteOwner | null) => AnyRemote;

/** A new remote operation in `started`, owned by `owner`. */
export function makeRemoteOperation<TResult, TProgress>(owner: RemoteOwner | null): RemoteOperation<TResult, TProgress> {
  return new Make(owner) as RemoteOperation<TResult, TProgress>;
}
