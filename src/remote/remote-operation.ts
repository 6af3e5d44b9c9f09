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

/** The fields a remote operation rarely needs, made on first need (`_more`). */
export interface RemoteExtras {
  /** A transfer list for the input (kept until the task is sent). */
  xfer: readonly Transferable[] | undefined;
  /** A pending timer of the owner (the grace period after a cancel). */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Pending `[Symbol.asyncDispose]` calls. */
  waiters: (() => void)[] | null;
}

/**
 * An `AsyncOperationWithProgress` settled by a `RemoteOwner` (on its prototype, as `_owner`: one prototype per
 * owner keeps the operations one field smaller). The other extra fields belong to the owner, declared here so that
 * every remote operation has one shape: `_where` is where the task is or may run (a worker, the owner's queue,
 * a job) and is `null` once its remote body has ended or can no longer run; `_key` its key there (a slot, a job
 * id); `_name`/`_input` what to send; `_more` the rare fields. `[Symbol.asyncDispose]` cancels, then waits until
 * `_where` is `null` (the owner calls `_bodyEnded()` when the remote body unwound or its thread was terminated).
 */
export interface RemoteOperation<TResult, TProgress> extends AsyncOperationWithProgress<TResult, TProgress> {
  readonly _owner: RemoteOwner;
  _where: unknown;
  _key: unknown;
  _name: string;
  _input: unknown;
  _more: RemoteExtras | undefined;
  /** The promise behind `then` while started, with its resolving functions (see `_promise` below). */
  _p: Promise<unknown> | undefined;
  _resolve: ((value: unknown) => void) | undefined;
  _reject: ((reason: unknown) => void) | undefined;
  /** The rare fields, made on first need. */
  _extrasOfRemote(): RemoteExtras;
  /** The remote body has ended (or can no longer run): `_where` becomes `null`, pending disposals resolve. */
  _bodyEnded(): void;
}

type AnyRemote = RemoteOperation<unknown, unknown>;

// The facade's prototype with members of its own. Instances are made by a plain function (as the facades' own
// maker does, see `facadeFactory`), so they are ordinary instances of AsyncOperationWithProgress.
const base = AsyncOperationWithProgress.prototype as unknown as AnyRemote;
const proto = Object.create(base) as AnyRemote;

// The promise behind `then`, kept in the operation's own fields instead of the engine's lazily made extras: a
// remote operation is awaited almost always, and the extras (two objects) plus an executor closure per operation
// were most of the garbage of 20,000 operations in flight (measured with bench/worker.bench.mjs: the host spent
// about half its time collecting). `_settle` resolves it; everything else stays the engine's.
let making: AnyRemote | undefined;
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  making!._resolve = resolve;
  making!._reject = reject;
}

Object.defineProperties(proto, {
  _promise: {
    value: function (this: AnyRemote): Promise<unknown> {
      if (this._p === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-this-alias -- handed to the shared executor, then cleared
        making = this;
        this._p = new Promise(capture);
        making = undefined;
      }
      return this._p;
    },
    writable: true,
    configurable: true,
  },
  _settle: {
    value: function (this: AnyRemote, status: AsyncStatus, value: unknown): void {
      base._settle.call(this, status, value);
      const resolve = this._resolve;
      if (resolve === undefined) return;
      const reject = this._reject!;
      this._p = this._resolve = this._reject = undefined;
      if (status === AsyncStatus.completed) resolve(value);
      else reject(status === AsyncStatus.error ? value : this._canceledError());
    },
    writable: true,
    configurable: true,
  },
  _cancel: {
    value: function (this: AnyRemote, cause: unknown, hasCause: boolean): void {
      base._cancel.call(this, cause, hasCause);
      this._owner.remoteCanceled(this);
    },
    writable: true,
    configurable: true,
  },
  _extrasOfRemote: {
    value: function (this: AnyRemote): RemoteExtras {
      return (this._more ??= { xfer: undefined, timer: undefined, waiters: null });
    },
    writable: true,
    configurable: true,
  },
  _bodyEnded: {
    value: function (this: AnyRemote): void {
      this._where = null;
      const more = this._more;
      const waiters = more?.waiters;
      if (waiters == null) return;
      more!.waiters = null;
      for (const waiter of waiters) waiter();
    },
    writable: true,
    configurable: true,
  },
  [asyncDisposeSymbol]: {
    /** Cancels if running, waits for the remote body's `finally` blocks (or its thread's end), then closes. */
    value: function (this: AnyRemote): Promise<void> {
      this.cancel();
      if (this._where === null) {
        this.close();
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        (this._extrasOfRemote().waiters ??= []).push(() => {
          this.close();
          resolve();
        });
      });
    },
    writable: true,
    configurable: true,
  },
});

/**
 * The maker of `owner`'s remote operations: each call returns a new operation in `started`, with `_where` `null`.
 * One maker (and one prototype) per owner.
 */
export function remoteOperationMaker(owner: RemoteOwner): <TResult, TProgress>() => RemoteOperation<TResult, TProgress> {
  const ownProto = Object.create(proto) as AnyRemote;
  Object.defineProperty(ownProto, "_owner", { value: owner });
  function RemoteOp(this: AnyRemote): void {
    // The three engine fields first, exactly as the facades' maker sets them.
    this._state = AsyncStatus.started;
    this._slot = undefined;
    (this as { _id: number })._id = ids.next++;
    this._where = null;
    this._key = -1;
    this._name = "";
    this._input = undefined;
    this._more = undefined;
    this._p = undefined;
    this._resolve = undefined;
    this._reject = undefined;
  }
  RemoteOp.prototype = ownProto;
  const Make = RemoteOp as unknown as new () => AnyRemote;
  return <TResult, TProgress>() => new Make() as RemoteOperation<TResult, TProgress>;
}
