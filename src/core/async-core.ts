import { AsyncStatus } from "../status.js";
import { HResult } from "../hresult.js";
import {
  AsyncError,
  CanceledError,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  isCanceledError,
} from "../errors.js";
import { deferUnobservedCheck, reportListenerError } from "../report.js";
import { describe } from "../describe.js";
import { asyncDisposeSymbol, disposeSymbol } from "../symbols.js";
import type { Disposable, IAsyncInfo } from "../types.js";
import { ids } from "./next-id.js";
import { enqueueCompletion } from "./completion-queue.js";
import { runCancelStep } from "./cancel-forwarding.js";
import { unwatchAbort, watchAbort } from "./abort-watch.js";
import { signalAborted, signalReason } from "../abort-signal.js";
import { diagnostics } from "./diagnostics-hook.js";
import { inspectOperation, inspectSymbol } from "./inspect-operation.js";
import type { Outcome } from "./outcome.js";
import { callThen, readThen, type ThenMethod } from "./thenable.js";

// `_state` packs the status (low two bits) with flags, so the hot path touches one small integer field.
const STATUS_MASK = 3;
const STARTED = AsyncStatus.started;
const COMPLETED = AsyncStatus.completed;
const CANCELED = AsyncStatus.canceled;
const ERROR = AsyncStatus.error;
/** `close()` was called. */
const CLOSED = 4;
/** Somebody awaited, assigned a `completed` handler, or read `getResults()`/`errorCode`. */
const OBSERVED = 8;
/** The body (or wrapped promise) has not settled yet; only ever set while it runs after hot start. */
const BODY_RUNNING = 16;
/** In `canceled`: `_value` already holds the `CanceledError` (otherwise it holds the cause, if any). */
const CANCEL_ERROR_MADE = 32;
/** In `canceled`: the cancellation has a cause (a linked signal's reason) stored in `_value`. */
const HAS_CAUSE = 64;
/**
 * `_slot` holds the `Extras`, not the value. A flag rather than `slot instanceof Extras`: the slot may hold any
 * value a body produced, and `instanceof` on a `Proxy` runs its traps (a revoked one throws).
 */
const HAS_EXTRAS = 128;
/** In `error`: the unobserved-error check of this failure is queued (it is never queued twice). */
const CHECK_QUEUED = 256;
/** The body is a coroutine (driven by src/producers/coroutine.ts): canceled, it unwinds rather than run on. */
const COROUTINE = 512;

type AnyHandler = (asyncInfo: never, arg: never) => void;
type Callback = () => void;
/**
 * What `_subscribe` calls: the `outcome` as the status decided it (DESIGN 4.7 #2: `completed` with the result,
 * `error` with the failure value whatever it is, `canceled` with the `CanceledError`), and the `token` given when
 * subscribing (a combinator's input index: one callback then serves every input).
 * Returning `false` says the outcome was not taken (a combinator that was canceled meanwhile, a progress
 * iterator): it then does not count as observing a failure, which the unobserved-error report gets unless
 * somebody else observes it. Anything else counts as observing it.
 */
export type SettleCallback = (outcome: Outcome, value: unknown, token: number) => boolean | void;

/**
 * What an operation needs only sometimes, kept out of the operation object so that the common case (create,
 * await, done) allocates one small object. Made on first need by `_extras()`; the fields most operations never
 * need live one level further down, in `Rare`, so that a handler or a combinator's subscription costs 56 bytes
 * rather than 150 (which keeps `whenAll` over 100,000 inputs within cache and young-generation reach).
 */
class Extras {
  /** The operation's `_value` once it has extras (see `_slot`). */
  value: unknown = undefined;
  /** `undefined` until assigned; `null` once assigned null or once the handler ran. */
  completed: AnyHandler | null | undefined = undefined;
  /**
   * Internal subscribers (`_subscribe`), due on the completion queue: one callback (its token in `token`), or
   * several as a flat list of callback, token, callback, token...
   */
  settled: SettleCallback | (SettleCallback | number)[] | null = null;
  token = 0;
  rare: Rare | undefined = undefined;
}

class Rare {
  description: string | undefined = undefined;
  progress: AnyHandler | null = null;
  /** Copy-on-write, so a dispatch in progress keeps iterating the snapshot it started with. */
  listeners: readonly ((progress: unknown) => void)[] | null = null;
  cancelCallbacks: CancelRegistration[] | null = null;
  controller: AbortController | undefined = undefined;
  linkedSignal: AbortSignal | undefined = undefined;
  promise: Promise<unknown> | undefined = undefined;
  resolve: ((value: unknown) => void) | undefined = undefined;
  reject: ((reason: unknown) => void) | undefined = undefined;
  /** A stable `errorCode` for a non-`Error` failure value. */
  errorCode: Error | undefined = undefined;
  bodyWaiters: Callback[] | null = null;
}

/**
 * One `ctx.onCancel` registration: the entry in the operation's callback list and the `Disposable` that removes
 * it, in one small object of a fixed shape. An object literal with a computed symbol key plus a closure per
 * registration cost 1-3 us (measured with `npm run bench`); this costs a fraction of that.
 */
class CancelRegistration implements Disposable {
  constructor(
    private readonly rare: Rare,
    readonly callback: Callback,
  ) {}

  [disposeSymbol](): void {
    const list = this.rare.cancelCallbacks;
    if (list === null) return;
    const index = list.lastIndexOf(this);
    if (index >= 0) list.splice(index, 1);
  }
}

const noopDisposable: Disposable = Object.freeze({
  [disposeSymbol](): void {
    /* nothing was registered */
  },
});

/**
 * The one state machine behind the four operation classes (C++/WinRT's `promise_base`): the only code that
 * changes a status. The public classes are thin facades that fix the type parameters and add the static
 * producers. Members marked internal are not part of the public API.
 *
 * @typeParam TResult - the result type (`void` for actions)
 * @typeParam TProgress - the progress type (`never` for the kinds without progress)
 * @typeParam TInfo - the WinRT interface the handlers receive as `asyncInfo`
 */
export abstract class AsyncCore<TResult, TProgress, TInfo> implements IAsyncInfo {
  // The three fields are set by `facadeFactory`'s maker, not by a constructor (see there).
  /** @internal */ declare _state: number;
  /**
   * @internal Either the operation's value (`_value`) or, once it needs any, its `Extras`, which then hold the
   * value. One field for both keeps a pending operation at three fields (state, slot, id): the heap target of
   * DESIGN 3.1 (at most 1.5x a pending native async function) leaves room for little more than the two
   * handlers and the derived promise that following the body costs.
   */
  declare _slot: unknown;
  /** @internal */ declare readonly _id: number;

  /**
   * Operations are made by the static producers (`run`, `fromResult`, ...); `new` throws `TypeError` (the
   * TypeScript types already forbid it).
   */
  protected constructor() {
    throw new TypeError("winrt-async operations are made by run(), fromResult(), fromError(), canceled() or fromPromise()");
  }

  /** @internal The result, the failure value, or (canceled) the cause or the `CanceledError`. */
  get _value(): unknown {
    const slot = this._slot;
    return (this._state & HAS_EXTRAS) !== 0 ? (slot as Extras).value : slot;
  }

  /** @internal */
  set _value(value: unknown) {
    if ((this._state & HAS_EXTRAS) !== 0) (this._slot as Extras).value = value;
    else this._slot = value;
  }

  /** @internal The extras, if any were made. */
  get _x(): Extras | undefined {
    return (this._state & HAS_EXTRAS) !== 0 ? (this._slot as Extras) : undefined;
  }

  /**
   * @internal Whether `getResults()` returns the body's value (operations) or nothing (actions). A data property
   * on each facade's prototype (see `keepsNoResult`), not a getter: it is read on every completion.
   */
  declare readonly _keepsResult: boolean;

  // ---- IAsyncInfo ---------------------------------------------------------------------------------

  /** A positive integer, unique and increasing within this JavaScript realm. Throws `IllegalMethodCallError` after `close()`. */
  get id(): number {
    this._checkOpen();
    return this._id;
  }

  /** The current status. Throws `IllegalMethodCallError` after `close()`. */
  get status(): AsyncStatus {
    this._checkOpen();
    return (this._state & STATUS_MASK) as AsyncStatus;
  }

  /**
   * `null` except in `error`, where it is the failure when that is an `Error`, or else an `AsyncError` with
   * `hresult` `E_FAIL` whose `cause` is the failure value (the same object on every read).
   * Throws `IllegalMethodCallError` after `close()`.
   */
  get errorCode(): Error | null {
    this._checkOpen();
    const state = this._state;
    if ((state & STATUS_MASK) !== ERROR) return null;
    this._state = state | OBSERVED;
    const value = this._value;
    if (isError(value)) return value;
    const extras = this._rare();
    extras.errorCode ??= new AsyncError("The operation failed with a value that is not an Error.", {
      cause: value,
      hresult: HResult.E_FAIL,
    });
    return extras.errorCode;
  }

  /** The label given in the options of the producer, if any. Throws `IllegalMethodCallError` after `close()`. */
  get description(): string | undefined {
    this._checkOpen();
    return this._x?.rare?.description;
  }

  /**
   * The handler called once, on a microtask after the operation became terminal, with `(this, status)`.
   * Reads `null` once the handler has run. May be assigned once (`null` counts): a second assignment throws
   * `IllegalDelegateAssignmentError`; a value that is neither a function nor `null` throws `TypeError`.
   * Throws `IllegalMethodCallError` after `close()`.
   */
  get completed(): ((asyncInfo: TInfo, asyncStatus: AsyncStatus) => void) | null {
    this._checkOpen();
    return (this._x?.completed ?? null) as ((asyncInfo: TInfo, asyncStatus: AsyncStatus) => void) | null;
  }

  set completed(handler: ((asyncInfo: TInfo, asyncStatus: AsyncStatus) => void) | null) {
    this._checkOpen();
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError(`completed expects a function or null, got ${describe(handler)}`);
    }
    const extras = this._extras();
    if (extras.completed !== undefined) {
      throw new IllegalDelegateAssignmentError("completed can be assigned only once.");
    }
    extras.completed = handler;
    if (handler === null) return;
    const state = this._state | OBSERVED;
    this._state = state;
    if ((state & STATUS_MASK) !== STARTED) enqueueCompletion(this);
  }

  /**
   * The result in `completed` (the same value on every call; nothing for actions); in `error` throws the
   * failure value itself. Throws `IllegalMethodCallError` in `started` and `canceled`, and after `close()`.
   */
  getResults(): TResult {
    this._checkOpen();
    const state = this._state;
    switch (state & STATUS_MASK) {
      case COMPLETED:
        return this._value as TResult;
      case ERROR:
        this._state = state | OBSERVED;
        throw this._value;
      case CANCELED:
        throw new IllegalMethodCallError("getResults() was called on a canceled operation.");
      default:
        throw new IllegalMethodCallError("getResults() was called before the operation ended.");
    }
  }

  /**
   * Requests cancellation. In `started`: the status becomes `canceled` at once, `onCancel` callbacks run and
   * the body's `signal` aborts, all before `cancel()` returns; handlers and awaiters are told on a microtask.
   * In any other state, closed included, does nothing. Never throws.
   */
  cancel(): void {
    if ((this._state & STATUS_MASK) === STARTED) this._cancel(undefined, false);
  }

  /**
   * Releases what the operation holds (result, handlers, listeners). Throws `IllegalStateChangeError` while
   * `started`; a second call does nothing. Afterwards every member but `cancel`, `close` and the dispose
   * methods throws `IllegalMethodCallError`. A `completed` handler already due still runs.
   */
  close(): void {
    const state = this._state;
    if ((state & CLOSED) !== 0) return;
    if ((state & STATUS_MASK) === STARTED) {
      throw new IllegalStateChangeError("close() was called before the operation ended.");
    }
    this._state = state | CLOSED;
    const extras = this._x;
    // Subscribers still due get the outcome; `_deliverCompletion` releases the value after them. A canceled
    // operation keeps its cancellation (the `CanceledError`, or the cause it is made from): its body may still
    // be running and ask for it (`throwIfCanceled`, a first read of `ctx.signal`).
    if (extras?.settled == null && (state & STATUS_MASK) !== CANCELED) this._value = undefined;
    const rare = extras?.rare;
    if (rare !== undefined) {
      rare.progress = null;
      rare.listeners = null;
      rare.errorCode = undefined;
      rare.description = undefined;
    }
  }

  // ---- Promise projection -------------------------------------------------------------------------

  /**
   * Subscribes like `Promise.prototype.then` and returns a native `Promise`. Any number of consumers may
   * await one operation; this never uses up `completed`. A canceled operation rejects with a
   * `CanceledError` (whose `cause` is a linked signal's reason when that caused it); a failed one rejects
   * with the failure value itself. `onprogress` (the third argument of the WinRT JavaScript projection's
   * `then`) receives every progress value reported from now until the operation ends, synchronously, after
   * the `progress` handler and the listeners added before it; a value that is not a function is ignored, as
   * `then` ignores its other non-function arguments. Throws `IllegalMethodCallError` after `close()`.
   */
  then<TResult1 = TResult, TResult2 = never>(
    onfulfilled?: ((value: TResult) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
    onprogress?: ((progress: TProgress) => void) | null,
  ): Promise<TResult1 | TResult2> {
    const state = this._state;
    if ((state & CLOSED) !== 0) this._checkOpen();
    this._state = state | OBSERVED;
    let source: Promise<unknown>;
    switch (state & STATUS_MASK) {
      case COMPLETED:
        source = Promise.resolve(this._value);
        break;
      case ERROR:
        source = Promise.reject(this._value);
        break;
      case CANCELED:
        source = Promise.reject(this._canceledError());
        break;
      default:
        source = this._promise();
        // `await` passes two arguments: the hot path pays one comparison here.
        if (typeof onprogress === "function") this._listen(onprogress as (progress: unknown) => void);
    }
    return (source as Promise<TResult>).then(onfulfilled, onrejected);
  }

  /**
   * The WinRT JavaScript projection's `done`: like `then`, but returns nothing and loses nothing. On a
   * microtask after the operation ends (never inside this call), `oncomplete` receives the result, or
   * `onerror` the failure value or, for a canceled operation, a `CanceledError`. Without `onerror`, a
   * failure is rethrown asynchronously, reported the way a throwing handler's error is (`reportError`, or an
   * `uncaughtException` in Node), and a cancellation is dropped. An error thrown by `oncomplete` or `onerror`,
   * or a rejection of a promise-like they return, is reported the same way (cancellations again dropped).
   * `onprogress` receives progress as `then`'s third argument does. Uses up nothing (`completed` stays free).
   * Throws `TypeError` for an argument that is neither a function nor `null`/`undefined`, and
   * `IllegalMethodCallError` after `close()`.
   */
  done(
    oncomplete?: ((value: TResult) => unknown) | null,
    onerror?: ((error: unknown) => unknown) | null,
    onprogress?: ((progress: TProgress) => void) | null,
  ): void {
    checkCallback(oncomplete, "done", "oncomplete");
    checkCallback(onerror, "done", "onerror");
    checkCallback(onprogress, "done", "onprogress");
    this._checkOpen();
    this._subscribe((outcome, value) => {
      const ok = outcome === COMPLETED;
      const handler = ok ? oncomplete : onerror;
      if (handler == null) {
        if (!ok) reportUnlessCanceled(value);
        return;
      }
      // A throw here is reported by the completion queue, as a throwing handler's is.
      const returned = (handler as (value: unknown) => unknown)(value);
      if (returned !== null && (typeof returned === "object" || typeof returned === "function")) {
        Promise.resolve(returned).then(undefined, reportUnlessCanceled);
      }
    }, 0);
    if (typeof onprogress === "function" && (this._state & STATUS_MASK) === STARTED) {
      this._listen(onprogress as (progress: unknown) => void);
    }
  }

  /** `then(undefined, onrejected)`. Throws `IllegalMethodCallError` after `close()`. */
  catch<TResult2 = never>(
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult | TResult2> {
    return this.then(undefined, onrejected);
  }

  /** Like `Promise.prototype.finally`. Throws `IllegalMethodCallError` after `close()`. */
  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.then().finally(onfinally);
  }

  // ---- Disposal -----------------------------------------------------------------------------------

  /** Cancels the operation if it is running, then closes it. Never throws. */
  [disposeSymbol](): void {
    this.cancel();
    this.close();
  }

  /**
   * Cancels the operation if it is running, waits until its body (or wrapped promise) has settled, so its
   * `finally` blocks have run, then closes it. The returned promise never rejects.
   */
  [asyncDisposeSymbol](): Promise<void> {
    this.cancel();
    if ((this._state & BODY_RUNNING) === 0) {
      this.close();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const extras = this._rare();
      (extras.bodyWaiters ??= []).push(() => {
        this.close();
        resolve();
      });
    });
  }

  // ---- Internal: used by the facades, the body context and the interop layer ---------------------

  /** @internal */
  _checkOpen(): void {
    if ((this._state & CLOSED) !== 0) {
      throw new IllegalMethodCallError("The operation was closed.");
    }
  }

  /** @internal */
  _isObserved(): boolean {
    return (this._state & OBSERVED) !== 0;
  }

  /** @internal */
  _extras(): Extras {
    const slot = this._slot;
    if ((this._state & HAS_EXTRAS) !== 0) return slot as Extras;
    const extras = new Extras();
    extras.value = slot;
    this._slot = extras;
    this._state |= HAS_EXTRAS;
    return extras;
  }

  /** @internal */
  _rare(): Rare {
    const extras = this._extras();
    return (extras.rare ??= new Rare());
  }

  /** @internal The promise behind `then` while the operation is running, made on first request. */
  _promise(): Promise<unknown> {
    const extras = this._rare();
    return (extras.promise ??= new Promise((resolve, reject) => {
      extras.resolve = resolve;
      extras.reject = reject;
    }));
  }

  /** @internal The `CanceledError` of a canceled operation, made once on first need (it captures a stack). */
  _canceledError(): CanceledError {
    const state = this._state;
    if ((state & CANCEL_ERROR_MADE) !== 0) return this._value as CanceledError;
    const error =
      (state & HAS_CAUSE) !== 0
        ? new CanceledError(undefined, { cause: this._value })
        : new CanceledError();
    this._value = error;
    this._state = state | CANCEL_ERROR_MADE;
    return error;
  }

  /** @internal Ends a running operation. The single place where a status changes. */
  _settle(status: AsyncStatus, value: unknown): void {
    const state = this._state;
    this._state = (state & ~STATUS_MASK) | status;
    const stored = status === COMPLETED && !this._keepsResult ? undefined : value;
    const slot = this._slot;
    if ((state & HAS_EXTRAS) !== 0) {
      (slot as Extras).value = stored;
      this._settleExtras(slot as Extras, status, value);
    } else {
      this._slot = stored;
    }
    // With internal subscribers, whether the failure is observed is known once they were told (they may decline
    // it): `_deliverCompletion` decides then. Otherwise it is checked at the end of this macrotask.
    if (status === ERROR && (state & OBSERVED) === 0 && (this._x?.settled ?? null) === null) this._queueCheck(value);
    const hook = diagnostics.hook;
    if (hook !== undefined) hook.settled(this, status, value);
  }

  /** @internal Queues the unobserved-error check of this failure, once. */
  _queueCheck(value: unknown): void {
    const state = this._state;
    if ((state & CHECK_QUEUED) !== 0) return;
    this._state = state | CHECK_QUEUED;
    deferUnobservedCheck(this, value, false);
  }

  /** @internal The part of settling that only operations with extras need. */
  _settleExtras(extras: Extras, status: AsyncStatus, value: unknown): void {
    const rare = extras.rare;
    if (rare !== undefined) {
      rare.listeners = null;
      if (rare.linkedSignal !== undefined) {
        unwatchAbort(rare.linkedSignal, this);
        rare.linkedSignal = undefined;
      }
      if (status !== CANCELED) rare.cancelCallbacks = null;
      const { resolve, reject } = rare;
      if (resolve !== undefined && reject !== undefined) {
        rare.resolve = rare.reject = undefined;
        rare.promise = undefined;
        if (status === COMPLETED) resolve(extras.value);
        else reject(status === ERROR ? value : this._canceledError());
      }
    }
    if (typeof extras.completed === "function" || extras.settled !== null) enqueueCompletion(this);
  }

  /** @internal Runs the `completed` handler; called by the completion queue. */
  _deliverCompletion(): void {
    const extras = this._x;
    if (extras === undefined) return;
    const subscribers = extras.settled;
    if (subscribers !== null) {
      extras.settled = null;
      const status = this._state & STATUS_MASK;
      const value = status === CANCELED ? this._canceledError() : extras.value;
      const outcome = status as Outcome;
      let taken: boolean;
      if (typeof subscribers === "function") taken = invokeSettled(subscribers, outcome, value, extras.token);
      else {
        taken = false;
        for (let i = 0; i < subscribers.length; i += 2) {
          if (invokeSettled(subscribers[i] as SettleCallback, outcome, value, subscribers[i + 1] as number)) taken = true;
        }
      }
      if (taken) this._state |= OBSERVED;
      const after = this._state;
      if ((after & (STATUS_MASK | OBSERVED)) === ERROR) this._queueCheck(value);
      if ((after & CLOSED) !== 0 && (after & STATUS_MASK) !== CANCELED) extras.value = undefined;
    } else if ((this._state & (STATUS_MASK | OBSERVED)) === ERROR) {
      // Every subscriber gave up before it was told: nobody took the failure.
      this._queueCheck(extras.value);
    }
    const handler = extras.completed;
    if (typeof handler !== "function") return;
    extras.completed = null;
    try {
      (handler as (asyncInfo: unknown, status: AsyncStatus) => void)(this, (this._state & STATUS_MASK) as AsyncStatus);
    } catch (error) {
      reportListenerError(error);
    }
  }

  /**
   * @internal The lean way for the interop layer to learn the outcome: `callback(ok, value, token)` runs once,
   * on a microtask after the operation is terminal (queued at once if it already is). Unlike `then`, it makes
   * no promise: a pending `then` costs about 430 bytes (the promise behind it, its resolving functions, the
   * derived promise), a subscription a function reference and a number in `Extras`. Measured with `npm run
   * bench`, that brought `whenAll` from about 150 to about 80 ns per input at 10,000 inputs (native
   * `Promise.all`: about 55). Counts as observing a failure when the callback takes it (returns anything but
   * `false`), as awaiting does; never uses up `completed`. Throws `IllegalMethodCallError` after `close()`.
   */
  _subscribe(callback: SettleCallback, token: number): void {
    this._checkOpen();
    const state = this._state;
    const extras = this._extras();
    const current = extras.settled;
    if (current === null) {
      extras.settled = callback;
      extras.token = token;
    } else if (typeof current === "function") extras.settled = [current, extras.token, callback, token];
    else current.push(callback, token);
    if ((state & STATUS_MASK) !== STARTED) enqueueCompletion(this);
  }

  /**
   * @internal Undoes one `_subscribe(callback, token)` that has not been called yet (a consumer giving up), so a
   * long-lived operation holds nothing of it. Does nothing if there is no such subscription.
   */
  _unsubscribe(callback: SettleCallback, token: number): void {
    const extras = this._x;
    const current = extras?.settled;
    if (current == null) return;
    if (typeof current === "function") {
      if (current === callback && extras!.token === token) extras!.settled = null;
      return;
    }
    for (let i = current.length - 2; i >= 0; i -= 2) {
      if (current[i] === callback && current[i + 1] === token) {
        current.splice(i, 2);
        if (current.length === 0) extras!.settled = null;
        return;
      }
    }
  }

  /**
   * @internal A body's outcome decided before its promise settles (the combinators decide, then cancel the
   * inputs they no longer need, so a loser's `cancel()` that re-enters cannot change the outcome). Ends the
   * operation with `outcome` as the status of what decided it says (DESIGN 4.7 #2): `completed` with `value` (never
   * a thenable: it comes from an operation or a settled promise), `error` with `value` whatever it is, `canceled`
   * keeping the `CanceledError` it was given. The body's own outcome is then ignored (it should fulfil). Does
   * nothing (and returns false: the outcome was not taken) if the operation is no longer started.
   */
  _decide(outcome: Outcome, value: unknown): boolean {
    if ((this._state & STATUS_MASK) !== STARTED) return false;
    if (outcome === COMPLETED) this._settle(COMPLETED, value);
    else if (outcome === ERROR) this._settle(ERROR, value);
    else if (isOwnCanceledError(value)) {
      this._state |= CANCEL_ERROR_MADE;
      this._cancel(value, false);
    } else this._cancel(value, true);
    return true;
  }

  /**
   * @internal Completes the operation with `value` adopted as `Promise.resolve` adopts it (DESIGN 4.7 #1): a
   * result is never a thenable. One of our operations is followed through the lean subscription and decides by its
   * status; another thenable through its `then`, read once (src/core/thenable.ts) and called on a later microtask
   * (as a promise's resolve calls it: no foreign code runs inside a producer, and a thenable resolving with another
   * one keeps the stack flat); the operation itself, or a `then` that cannot be read, ends it in `error` (a
   * `TypeError` for the chaining cycle). Does nothing unless started.
   */
  _adopt(value: unknown): void {
    if ((this._state & STATUS_MASK) !== STARTED) return;
    if (value === this) {
      this._settle(ERROR, new TypeError("Chaining cycle detected: an operation cannot complete with itself."));
      return;
    }
    if (isOwnOperation(value)) {
      try {
        value._subscribe(adoptOutcome.bind(this), 0);
      } catch (error) {
        // A closed operation cannot be followed: the error it throws is the outcome.
        this._fail(error);
      }
      return;
    }
    let then: ThenMethod | undefined;
    try {
      then = readThen(value);
    } catch (error) {
      this._fail(error);
      return;
    }
    if (then === undefined) {
      this._settle(COMPLETED, value);
      return;
    }
    const method = then;
    void resolvedPromise.then(() => callThen(value, method, (result) => this._adopt(result), (reason) => this._fail(reason)));
  }

  /**
   * @internal Cancels with an optional cause (a linked signal's reason, or the cancellation error the body
   * threw). Only called while started.
   */
  _cancel(cause: unknown, hasCause: boolean): void {
    if (hasCause) this._state |= HAS_CAUSE;
    this._settle(CANCELED, cause);
    const extras = this._x?.rare;
    if (extras === undefined || (extras.cancelCallbacks === null && extras.controller === undefined)) return;
    // The consequences (callbacks, the signal's abort and through it every operation linked to it) go through
    // the work list: run now if this is the outermost cancellation, else by the loop already running.
    runCancelStep(runCancelConsequences, this, extras);
  }

  /** @internal Wires `options.signal`; returns false if it is already aborted (the operation is then canceled). */
  _link(signal: AbortSignal | undefined): boolean {
    if (signal === undefined) return true;
    if (signalAborted(signal)) {
      this._cancel(signalReason(signal), true);
      return false;
    }
    this._rare().linkedSignal = signal;
    // One listener per signal for all its operations (abort-watch.ts); `_signalAborted` is called from there.
    watchAbort(signal, this);
    return true;
  }

  /** @internal The linked signal aborted (called inside a step of the cancellation work list). */
  _signalAborted(reason: unknown): void {
    if ((this._state & STATUS_MASK) === STARTED) this._cancel(reason, true);
  }

  /**
   * @internal Follows the body's promise: settles the operation, or reports what arrives too late. `readMethod` is
   * the thenable's `then` when the caller read it already (it is never read twice).
   */
  _follow(work: PromiseLike<unknown>, readMethod?: ThenMethod): void {
    this._state |= BODY_RUNNING;
    // Bound functions rather than two arrow closures: a pending operation then holds 96 bytes of handlers
    // instead of about 170 (two closures plus their context), which is what keeps the heap per pending
    // operation within 1.5x of a native async function (DESIGN 3.1).
    const onRejected = bodyRejected.bind(this);
    if (isNativePromise(work)) {
      work.then(bodyFulfilled.bind(this), onRejected);
      return;
    }
    // Any other thenable: its `then` read once, the value it gives adopted in turn (it may be a thenable, or this
    // very operation: DESIGN 4.7 #1). Called on a later microtask, as a promise's resolve would.
    let then: ThenMethod | undefined = readMethod;
    if (then === undefined) {
      try {
        then = readThen(work);
      } catch (error) {
        void resolvedPromise.then(() => onRejected(error));
        return;
      }
    }
    const method = then;
    if (method === undefined) {
      void resolvedPromise.then(() => bodyResolved.call(this, work));
      return;
    }
    void resolvedPromise.then(() => callThen(work, method, bodyResolved.bind(this), onRejected));
  }

  /** @internal A failure of the body: `canceled` for a cancellation error; reported if it comes too late. */
  _fail(error: unknown): void {
    if ((this._state & STATUS_MASK) !== STARTED) {
      if (!isCanceledError(error)) deferUnobservedCheck(this, error, true);
      return;
    }
    if (isOwnCanceledError(error)) {
      // The body's own CanceledError is the one awaiters get: rejection keeps identity.
      this._state |= CANCEL_ERROR_MADE;
      this._cancel(error, false);
    } else if (isCanceledError(error)) this._cancel(error, true);
    else this._settle(ERROR, error);
  }

  /** @internal A body that settles later than its promise says (a coroutine): `[Symbol.asyncDispose]` waits for it. */
  _holdBody(): void {
    this._state |= BODY_RUNNING | COROUTINE;
  }

  /**
   * @internal Calls `callback` on a microtask of its own once the body (or followed promise) has settled, and
   * returns true; returns false, calling nothing, when it is not running. A microtask per waiter, never a call
   * inside `_bodySettled`: a chain of waiters (nested coroutines unwinding children first) then never recurses.
   */
  _whenBodySettled(callback: Callback): boolean {
    if ((this._state & BODY_RUNNING) === 0) return false;
    const rare = this._rare();
    (rare.bodyWaiters ??= []).push(() => void resolvedPromise.then(callback));
    return true;
  }

  /**
   * @internal `_whenBodySettled` for a coroutine body only (one that unwinds when canceled, so the wait ends); false,
   * calling nothing, for any other operation (an async body may ignore its cancellation and run on).
   */
  _whenCoroutineSettled(callback: Callback): boolean {
    if ((this._state & (BODY_RUNNING | COROUTINE)) !== (BODY_RUNNING | COROUTINE)) return false;
    const rare = this._rare();
    (rare.bodyWaiters ??= []).push(() => void resolvedPromise.then(callback));
    return true;
  }

  /** @internal */
  _bodySettled(): void {
    this._state &= ~BODY_RUNNING;
    const rare = this._x?.rare;
    if (rare === undefined) return;
    const waiters = rare.bodyWaiters;
    if (waiters === null) return;
    rare.bodyWaiters = null;
    for (const waiter of waiters) waiter();
  }


  /** @internal `ctx.signal`: one `AbortController` per operation, made on first read. */
  _signal(): AbortSignal {
    const extras = this._rare();
    const controller = (extras.controller ??= new AbortController());
    // Canceled, and the abort still waits on the forwarding work list (or the controller is new): abort now,
    // so a body never reads a signal that contradicts `ctx.canceled`.
    if ((this._state & STATUS_MASK) === CANCELED && !controller.signal.aborted) controller.abort(this._canceledError());
    return controller.signal;
  }

  /** @internal `ctx.onCancel`. */
  _onCancel(callback: Callback): Disposable {
    if (typeof callback !== "function") {
      throw new TypeError(`onCancel expects a function, got ${describe(callback)}`);
    }
    const status = this._state & STATUS_MASK;
    if (status === CANCELED) {
      const rare = this._x?.rare;
      // The cancellation's callbacks are still queued on the forwarding work list: join them, in order.
      if (rare?.cancelCallbacks != null) rare.cancelCallbacks.push(new CancelRegistration(rare, callback));
      else invokeReporting(callback);
      return noopDisposable;
    }
    if (status !== STARTED) return noopDisposable;
    const rare = this._rare();
    // Each registration is its own entry, so disposing one removes exactly that one.
    const registration = new CancelRegistration(rare, callback);
    if (rare.cancelCallbacks === null) rare.cancelCallbacks = [registration];
    else rare.cancelCallbacks.push(registration);
    return registration;
  }

  /**
   * @internal Whether a `report()` now would reach anybody (a `progress` handler or a listener, while started): a
   * producer that builds a progress value per event (`whenAll`, once per input) skips building it otherwise.
   */
  _hasProgressSubscribers(): boolean {
    const rare = this._x?.rare;
    return rare !== undefined && (rare.progress !== null || rare.listeners !== null) && (this._state & STATUS_MASK) === STARTED;
  }

  /** @internal `ctx.report`: synchronous delivery to the handler, then every listener, while started. */
  _report(progress: TProgress): void {
    const extras = this._x?.rare;
    if (extras === undefined || (this._state & STATUS_MASK) !== STARTED) return;
    const handler = extras.progress;
    if (handler !== null) {
      try {
        (handler as (asyncInfo: unknown, progress: TProgress) => void)(this, progress);
      } catch (error) {
        reportListenerError(error);
      }
    }
    const listeners = extras.listeners;
    if (listeners === null) return;
    for (const listener of listeners) {
      // A listener may cancel the operation; nothing is delivered once it is terminal.
      if ((this._state & STATUS_MASK) !== STARTED) return;
      try {
        listener(progress);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** @internal */
  _getProgress(): AnyHandler | null {
    this._checkOpen();
    return this._x?.rare?.progress ?? null;
  }

  /** @internal */
  _setProgress(handler: AnyHandler | null): void {
    this._checkOpen();
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError(`progress expects a function or null, got ${describe(handler)}`);
    }
    if (handler === null && this._x?.rare === undefined) return;
    this._rare().progress = handler;
  }

  /**
   * @internal A progress listener for `then`/`done`: kept until the operation ends (settling drops every
   * listener), so it needs no `Disposable`. Only called while started.
   */
  _listen(listener: (progress: unknown) => void): void {
    const extras = this._rare();
    extras.listeners = extras.listeners === null ? [listener] : [...extras.listeners, listener];
  }

  /** @internal `onProgress`. */
  _addProgressListener(listener: (progress: TProgress) => void): Disposable {
    this._checkOpen();
    if (typeof listener !== "function") {
      throw new TypeError(`onProgress expects a function, got ${describe(listener)}`);
    }
    if ((this._state & STATUS_MASK) !== STARTED) return noopDisposable;
    const extras = this._rare();
    const entry = (progress: unknown): void => listener(progress as TProgress);
    extras.listeners = extras.listeners === null ? [entry] : [...extras.listeners, entry];
    return {
      [disposeSymbol]: (): void => {
        const list = extras.listeners;
        if (list?.includes(entry)) extras.listeners = list.filter((item) => item !== entry);
      },
    };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function bodyFulfilled(this: AsyncCore<any, any, any>, value: unknown): void {
  this._bodySettled();
  if ((this._state & STATUS_MASK) === STARTED) this._settle(COMPLETED, value);
}

/** The outcome of an adopted operation of ours (see `_adopt`); declined once this one ended meanwhile. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function adoptOutcome(this: AsyncCore<any, any, any>, outcome: Outcome, value: unknown): boolean {
  return this._decide(outcome, value);
}

/** A non-native thenable the body returned fulfilled: the value it gave is adopted in turn (see `_adopt`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function bodyResolved(this: AsyncCore<any, any, any>, value: unknown): void {
  this._bodySettled();
  this._adopt(value);
}

const resolvedPromise = Promise.resolve();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function bodyRejected(this: AsyncCore<any, any, any>, error: unknown): void {
  this._bodySettled();
  this._fail(error);
}

/** The consequences of a cancellation, one step of the forwarding work list: `onCancel` callbacks, then the abort. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function runCancelConsequences(this: AsyncCore<any, any, any>, extras: Rare): void {
  const callbacks = extras.cancelCallbacks;
  extras.cancelCallbacks = null;
  if (callbacks !== null) for (const registration of callbacks) invokeReporting(registration.callback);
  const controller = extras.controller;
  if (controller !== undefined && !controller.signal.aborted) controller.abort(this._canceledError());
}

/** Calls a subscriber; true unless it said it did not take the outcome (a throwing one took it). */
function invokeSettled(callback: SettleCallback, outcome: Outcome, value: unknown, token: number): boolean {
  try {
    return callback(outcome, value, token) !== false;
  } catch (error) {
    reportListenerError(error);
    return true;
  }
}

function checkCallback(value: unknown, method: string, name: string): void {
  if (value != null && typeof value !== "function") {
    throw new TypeError(`${method} expects ${name} to be a function, null or undefined, got ${describe(value)}`);
  }
}

/** `done`'s rule for an error nobody handled: rethrown asynchronously (reported), unless it is a cancellation. */
function reportUnlessCanceled(error: unknown): void {
  if (!isCanceledError(error)) reportListenerError(error);
}

function invokeReporting(callback: Callback): void {
  try {
    callback();
  } catch (error) {
    reportListenerError(error);
  }
}

/** Never throws: `instanceof` and `toString` run a `Proxy`'s traps, which may throw (a revoked one does). */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
  } catch {
    return false;
  }
}

/** A `CanceledError` of this library (any copy of it in the realm: see src/brand.ts), whose identity awaiters then keep. Never throws. */
function isOwnCanceledError(value: unknown): value is CanceledError {
  try {
    return value instanceof CanceledError;
  } catch {
    return false;
  }
}

/** A native promise (then subscribed to directly); never throws, whatever traps a `Proxy` has. */
function isNativePromise(value: PromiseLike<unknown>): value is Promise<unknown> {
  try {
    return value instanceof Promise;
  } catch {
    return false;
  }
}

/**
 * Returns the function that makes the operations of one facade class. Two choices here are for speed, measured
 * with `npm run bench` (create + await, about 160 ns down to about 143 ns per operation on Node 20):
 * - the maker is a plain function whose `prototype` is the facade's: V8 constructs an instance of a derived
 *   class (facade → AsyncCore) about 10 ns slower than one of a base "class", and the facades need no
 *   constructor logic of their own;
 * - `then` is copied onto the facade's own prototype: `await op` looks `then` up from a builtin, without an
 *   inline cache, and that lookup is measurably faster one level up than two, past AsyncCore's many members.
 * Instances are ordinary instances of the facade (`instanceof`, `constructor` and the prototype chain hold).
 */
/**
 * Sets the three engine fields of a new operation (`started`, no value, the next id) and tells diagnostics, when
 * loaded. Every maker calls it first: the facades' (below) and the remote operations' (src/remote), so an operation
 * is born the same way wherever it runs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function initOperation(op: AsyncCore<any, any, any>): void {
  op._state = STARTED;
  op._slot = undefined;
  (op as { _id: number })._id = ids.next++;
  // winrt-async/diagnostics, when loaded; otherwise one read and one comparison.
  const hook = diagnostics.hook;
  if (hook !== undefined) hook.created(op);
}

/** The `_state` bit that says somebody awaited the operation (read by makers that take over its first `then`). */
export const OBSERVED_FLAG = OBSERVED;

export function facadeFactory<T>(facade: { readonly prototype: T }): () => T {
  function Operation(this: AsyncCore<unknown, unknown, unknown>): void {
    initOperation(this);
  }
  Operation.prototype = facade.prototype;
  Object.defineProperty(facade.prototype, "then", {
    // Installed as a method of the same prototype chain: `this` is still the operation.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    value: AsyncCore.prototype.then,
    writable: true,
    configurable: true,
  });
  const Make = Operation as unknown as new () => T;
  return () => new Make();
}

/**
 * Marks a facade whose operations have no result (the actions): `getResults()` and `await` give `undefined`
 * whatever the body returned.
 */
export function keepsNoResult(facade: { readonly prototype: object }): void {
  Object.defineProperty(facade.prototype, "_keepsResult", { value: false });
}
Object.defineProperty(AsyncCore.prototype, "_keepsResult", { value: true });

// A brand in the global symbol registry: recognizes operations made by any copy of this library in the realm
// (the ESM and CommonJS builds are two copies), for which awaiting never uses up `completed`.
const brand = Symbol.for("winrt-async.operation");
Object.defineProperty(AsyncCore.prototype, brand, { value: true });

// `util.inspect(op)` in Node and Bun, without importing anything from Node (see inspect-operation.ts).
Object.defineProperty(AsyncCore.prototype, inspectSymbol, { value: inspectOperation, writable: true, configurable: true });

/** True for an operation made by this library (any copy of it in this realm). Never throws (a `Proxy` may). */
export function isOwnOperation(value: unknown): value is AsyncCore<unknown, unknown, unknown> {
  if (typeof value !== "object" || value === null) return false;
  try {
    return (value as Record<symbol, unknown>)[brand] === true;
  } catch {
    return false;
  }
}
