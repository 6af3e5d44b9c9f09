// The host side of a remote task: a real `AsyncOperationWithProgress` (`instanceof` the root's class, the same
// facade, the same engine) that something other than a local body settles. Its owner (a worker pool, a job
// client) settles it through the engine's internal `_settle`/`_fail`/`_cancel`/`_report`, and hears of a cancel
// through one method of its own instead of an `onCancel` registration per operation.
import { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { AsyncStatus } from "../status.js";
import { OBSERVED_FLAG, initOperation } from "../core/async-core.js";
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
  xfer: readonly object[] | undefined;
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
  /**
   * The first `then` while started (see `then` below): the callbacks it was given and the resolving functions
   * of the promise it returned.
   */
  _onF: ((value: unknown) => unknown) | null | undefined;
  _onR: ((reason: unknown) => unknown) | null | undefined;
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

// The first `then` while started is kept in the operation's own fields: the promise it returns is made here, and
// the callbacks run from one microtask per batch of settled operations. The engine's `then` would make a promise
// for the operation (in its lazily made extras, two objects) and derive the returned one from it; `Promise.all`
// and `await` on a thenable add two promises of their own, so with 20,000 operations in flight the host spent
// about half its time collecting garbage (measured with bench/worker.bench.mjs). Later `then` calls, and every
// other consumer, use the engine's path unchanged.
let making: AnyRemote | undefined;
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  making!._resolve = resolve;
  making!._reject = reject;
}

// Settled operations whose first awaiter is due: flat (operation, ok, value) triples, one microtask for all.
let due: unknown[] = [];
function deliverDue(): void {
  const batch = due;
  due = [];
  for (let i = 0; i < batch.length; i += 3) {
    const op = batch[i] as AnyRemote;
    const ok = batch[i + 1] as boolean;
    const value = batch[i + 2];
    const resolve = op._resolve!;
    const reject = op._reject!;
    const callback = ok ? op._onF : op._onR;
    op._resolve = op._reject = op._onF = op._onR = undefined;
    if (typeof callback !== "function") {
      if (ok) resolve(value);
      else reject(value);
      continue;
    }
    let result: unknown;
    try {
      result = callback(value);
    } catch (error) {
      reject(error);
      continue;
    }
    resolve(result);
  }
}

// The engine's `then`, with the `then` of a started operation's first awaiter replaced (below).
// eslint-disable-next-line @typescript-eslint/unbound-method
const engineThen = base.then as (this: AnyRemote, onF?: unknown, onR?: unknown) => Promise<unknown>;

Object.defineProperties(proto, {
  then: {
    value: function (this: AnyRemote, onF?: unknown, onR?: unknown): Promise<unknown> {
      const state = this._state;
      if ((state & 3) !== AsyncStatus.started || this._resolve !== undefined) {
        return engineThen.call(this, onF, onR);
      }
      this._state = state | OBSERVED_FLAG;
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- handed to the shared executor, then cleared
      making = this;
      const promise = new Promise<unknown>(capture);
      making = undefined;
      this._onF = onF as AnyRemote["_onF"];
      this._onR = onR as AnyRemote["_onR"];
      return promise;
    },
    writable: true,
    configurable: true,
  },
  _settle: {
    value: function (this: AnyRemote, status: AsyncStatus, value: unknown): void {
      if (this._resolve === undefined) {
        base._settle.call(this, status, value);
        return;
      }
      // Queued before the engine settles, as the engine resolves its own promise before it queues the
      // `completed` handler: awaiters hear first either way.
      if (due.length === 0) queueMicrotask(deliverDue);
      const at = due.length;
      const ok = status === AsyncStatus.completed;
      due.push(this, ok, value);
      base._settle.call(this, status, value);
      if (status === AsyncStatus.canceled) due[at + 2] = this._canceledError();
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
 * One maker (and one prototype) per owner; `decorate` receives that prototype once, before any operation is made.
 */
export function remoteOperationMaker(
  owner: RemoteOwner,
  decorate?: (ownProto: object) => void,
): <TResult, TProgress>() => RemoteOperation<TResult, TProgress> {
  const ownProto = Object.create(proto) as AnyRemote;
  Object.defineProperty(ownProto, "_owner", { value: owner });
  // Members an owner adds to its operations (JobClient's `jobId`), set before any operation exists: reaching the
  // prototype through a first operation would make one that never settles (diagnostics would list it).
  decorate?.(ownProto);
  function RemoteOp(this: AnyRemote): void {
    // The engine fields first, exactly as the facades' maker sets them (and diagnostics hears of it).
    initOperation(this);
    this._where = null;
    this._key = -1;
    this._name = "";
    this._input = undefined;
    this._more = undefined;
    this._onF = undefined;
    this._onR = undefined;
    this._resolve = undefined;
    this._reject = undefined;
  }
  RemoteOp.prototype = ownProto;
  const Make = RemoteOp as unknown as new () => AnyRemote;
  return <TResult, TProgress>() => new Make() as RemoteOperation<TResult, TProgress>;
}

/**
 * Ends `op` with what its remote side said, if it is still `started`: `completed` with `value` when `ok`, else a
 * failure through `_fail` (so a `CanceledError` ends it `canceled` and its owner hears of it). Once it left
 * `started` (canceled here, or closed) nothing changes. The one ending shared by every watcher of remote work
 * (BullMQ jobs, HTTP operations).
 */
export function endRemote(op: RemoteOperation<unknown, unknown>, ok: boolean, value: unknown): void {
  if ((op._state & 3) !== AsyncStatus.started) return;
  if (ok) op._settle(AsyncStatus.completed, value);
  else op._fail(value);
}
