// A typed port of the semantics of `WinJS.Promise` (winjs/winjs, src/js/WinJS/Promise/_StateMachine.js) for code
// moved from UWP JavaScript apps: synchronous delivery, progress that passes only through `then`s without
// handlers, cancellation that travels up `then` chains to the source and into the promise being waited on, the
// "Canceled" error, `join`/`any`/`timeout` with WinJS's result shapes, `done`, and the `error` event with its
// bookkeeping. Written from WinJS's documented and tested behaviour; no WinJS code is copied.
//
// How it works. A promise is a small state machine. Every transition is requested by writing `_next` and then
// pumped by `_run()`, which enters states until none is requested. Entering a state may call user code (a
// cancel hook, the `cancel()` of the promise waited on) that requests another transition first: the pump then
// enters that one instead, which is how a cancel hook "corrects" a cancellation and how a canceled chain unwinds
// through the handlers of every link. Settling notifies the whole tree of `then` children breadth-first from one
// loop (`notifyTree`); progress (`deliverProgress`) and a cancel walking up a chain (`cancelChain`) are loops too, so
// a long chain never deepens the call stack (WinJS recursed in the last two).
//
// The view of our operations (`operationView`, the body of `toWinJS`) lives here because `as()` and a promise
// following a returned operation need it, and `toWinJS` needs this class: one file keeps imports one-way.
/* eslint-disable @typescript-eslint/no-explicit-any -- error values are untyped in WinJS, as `reason` is in PromiseLike */
import { describe } from "../describe.js";
import { reportListenerError } from "../report.js";
import { AsyncStatus } from "../status.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";
import { type AsyncCore, isOwnOperation } from "../core/async-core.js";
import type { AsyncProgressCore } from "../core/async-progress-core.js";
import { type Outcome, rejectionOutcome } from "../core/outcome.js";
import { type ForeignOperation, foreignOutcome, isProjectedPromise, toPromise } from "../interop/to-promise.js";
import { onSettled } from "../interop/on-settled.js";
import { readMilliseconds, startTimer } from "../combinators/timer.js";
import { canceledError, hasCanceledMessage, hasCanceledName } from "./canceled.js";
import { EventListeners, type WinJSEvent, type WinJSEventListener } from "./event-listeners.js";

// ---- States -------------------------------------------------------------------------------------------------
// 0..3 take messages (complete, error, progress, a handler's value); 5..8 are settled.
/** Running; `cancel()` goes to CANCELED. */
const WORKING = 0;
/** Completed with a thenable and following it; `cancel()` goes to WAITING_CANCELED. */
const WAITING = 1;
/** Canceled while following: the followed thenable is canceled; unless that settles us, CANCELING. */
const WAITING_CANCELED = 2;
/** Canceled while running: the source (creator or cancel hook) is canceled; unless that settles us, CANCELING. */
const CANCELED = 3;
/** Transient: errors the promise with WinJS's "Canceled" error. */
const CANCELING = 4;
/** Completed; notifies the tree of children, then SUCCESS. */
const SUCCESS_NOTIFY = 5;
/** Completed (and, if it had children, they were or are being notified by whoever owns the pass). */
const SUCCESS = 6;
/** Failed; notifies the tree of children, then ERROR. */
const ERROR_NOTIFY = 7;
/** Failed. */
const ERROR = 8;
/** `_next` when no transition is requested. */
const NONE = -1;

/**
 * The `_source` of a promise made by `then` machinery without a creator (`wrap` of a thenable). A pending promise
 * whose `_source` is an object (its creator, or this) was made by `then` (WinJS's ThenPromise); one whose
 * `_source` is a function or null was made by the constructor (the function is its cancel hook).
 */
const NO_CREATOR: object = Object.freeze({});

const ERROR_EVENT = "error";

/** The `error` callback of a `WinJSPromise` initializer receives any value; WinJS errors are untyped. */
export type WinJSErrorCallback = (error?: any) => void;

/**
 * The initializer of `new WinJSPromise(init)`: called synchronously inside the constructor with the three
 * functions that complete, fail, or report progress on the promise. Calls after the promise settled do nothing.
 */
export type WinJSInit<T, P> = (
  complete: (value: T | PromiseLike<T>) => void,
  error: WinJSErrorCallback,
  progress: (progress: P) => void,
) => void;

/**
 * What the `error` event tells (WinJS's bookkeeping): it fires synchronously when an error enters a promise
 * (`parent` undefined), when it passes to a `then` child that has no error handler (`parent` set, no `handler`),
 * and when an error handler is about to handle it (`parent` and `handler` set). Never for WinJS's "Canceled"
 * error. `id` follows one error along a chain; a new id starts at each promise it enters anew (a throw, an
 * `error()` call, a foreign thenable's rejection).
 */
export interface WinJSErrorDetail {
  /** The thrown value when the error entered as a throw (an initializer or handler threw); else `null`. */
  readonly exception: unknown;
  /** The error value when it entered through `error()` or `wrapError()`; else `null`. */
  readonly error: unknown;
  /** The promise the error is entering, or `null` when a handler on a settled promise handles it. */
  readonly promise: WinJSPromise<unknown, unknown> | null;
  /** The error's id along its chain, when the promise it comes from was tracked (a listener existed then). */
  readonly id: number | undefined;
  /** The promise (or foreign thenable) the error comes from; `undefined` where it entered. */
  readonly parent: PromiseLike<unknown> | undefined;
  /** The error handler about to receive it, if one is. */
  readonly handler: ((error: any) => unknown) | undefined;
}

/** The event `WinJSPromise`'s `error` listeners receive. */
export type WinJSErrorEvent = WinJSEvent<WinJSErrorDetail>;

/** The values `WinJSPromise.join` resolves with: each input's value under its own key (an input that was `undefined` is skipped). */
export type WinJSJoinResults<T> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** One input of an array or record of inputs. */
export type WinJSInputOf<T> = T extends readonly (infer E)[] ? E : T[keyof T];

/** What `WinJSPromise.any` completes (or fails) with: the key of the input that decided, and that input itself. */
export interface WinJSAnyResult<T> {
  /** The key of the input (for an array, its index as a string, as `Object.keys` gives it). */
  readonly key: string;
  /** The input itself (the promise, or the plain value), not its value. */
  readonly value: WinJSInputOf<T>;
}

/** Something `WinJSPromise.timeout(ms, promise)` can watch: a thenable that can be canceled. */
export interface CancelablePromiseLike<T> extends PromiseLike<T> {
  /** Cancels the promise (`timeout` calls it when the time is up). */
  cancel(): void;
}

type AnyHandler = (value: any) => unknown;
type AnyWinJS = WinJSPromise<unknown, unknown>;

/** One registration: a `then` child (`t`) or a `done` (`t` null), and its handlers. */
interface Listener {
  readonly t: AnyWinJS | null;
  readonly c: AnyHandler | null | undefined;
  readonly e: AnyHandler | null | undefined;
  readonly p: AnyHandler | null | undefined;
  /**
   * Internal follower: `s` completed with the promise listened to and follows it. Its error handler reports to the
   * `error` event itself, so delivery does not; its progress passes on to `s` (see `deliverProgress`).
   */
  readonly q: boolean;
  /**
   * The promise the library's own handlers `c`/`e` settle as their last act (a follower, a `join`, an `any`), or
   * null for user handlers. That promise's notification pass is trampolined (see `notifyTree`).
   */
  readonly s: AnyWinJS | null;
}

/** The first argument of the internal constructor call: makes a promise without running an initializer. */
const INTERNAL = (): void => {
  /* marker */
};

/**
 * A typed `WinJS.Promise` for code ported from UWP JavaScript apps, with WinJS's own semantics where they differ
 * from native promises (and from this library's operations), because ported code depends on them:
 *
 * - Delivery is synchronous: `then` on a settled promise runs its handler inside the call; completing a promise
 *   runs every handler registered on it (and on their children, breadth-first, in registration order) before
 *   `complete` returns. A handler that returns a thenable makes its child follow it.
 * - Progress reaches `then(_, _, onProgress)` handlers and passes on only through `then`s that have neither a
 *   complete nor an error handler; it is not buffered and stops when the promise settles.
 * - `cancel()` travels to the source: a `then` child cancels the promise it came from, a promise following a
 *   thenable cancels that thenable, a constructed promise calls its `onCancel` hook. Unless that settles it
 *   first, the promise then errors with WinJS's "Canceled" error (an `Error` whose `name` and `message` are
 *   "Canceled"), and the error runs through the handlers of the chain.
 * - `done` ends a chain: an error nobody handled is rethrown asynchronously (reported the way this library
 *   reports a throwing handler: `reportError`, or an uncaught exception in Node), except "Canceled".
 * - The static `error` event tells about every error entering or moving along a chain (`WinJSErrorDetail`).
 *
 * Our operations are followed through `toWinJS` (so a canceled one is "Canceled" here and its progress flows);
 * every other object with a `then` method is followed as WinJS follows a thenable.
 *
 * Errors of user code that WinJS swallowed (a throwing progress handler, cancel hook or `error` listener) change
 * nothing here either, but are reported like a throwing handler rather than dropped.
 *
 * @typeParam T - the value the promise completes with
 * @typeParam P - the progress values it reports
 */
export class WinJSPromise<T, P = unknown> implements PromiseLike<T> {
  // Declared and assigned in the constructor (not class fields, whose define semantics cost more per promise).
  /** @internal */ declare _state: number;
  /** @internal The transition requested and not yet entered (see `_run`). */
  declare _next: number;
  /** @internal The value, the error, or (WAITING) the thenable followed. */
  declare _value: unknown;
  /** @internal One listener, or several. */
  declare _listeners: Listener | Listener[] | null;
  /** @internal The creator to cancel (or NO_CREATOR), or the cancel hook (see NO_CREATOR). Dropped once settled. */
  declare _source: AnyWinJS | object | (() => void) | null;

  /**
   * Calls `init(complete, error, progress)` synchronously. `complete(value)` completes the promise (or, for a
   * thenable, makes it follow that); `error(value)` fails it; `progress(value)` reports progress. Only the
   * first `complete`/`error` counts. If `init` throws, the promise fails with what it threw. `onCancel` runs
   * inside `cancel()` while the promise is pending; if it does not settle the promise, the promise errors
   * "Canceled".
   *
   * Throws `TypeError` if `init` is not a function or `onCancel` is neither a function nor null/undefined.
   */
  constructor(init: WinJSInit<T, P>, onCancel?: (() => void) | null) {
    this._state = WORKING;
    this._next = NONE;
    this._value = undefined;
    this._listeners = null;
    this._source = null;
    if ((init as unknown) === INTERNAL) return;
    if (typeof init !== "function") {
      throw new TypeError(`WinJSPromise expects an initializer function, got ${describe(init)}`);
    }
    if (onCancel !== undefined && onCancel !== null && typeof onCancel !== "function") {
      throw new TypeError(`WinJSPromise expects onCancel to be a function, null or undefined, got ${describe(onCancel)}`);
    }
    startPromise(this, init as WinJSInit<unknown, unknown>, onCancel ?? null);
  }

  // ---- Instance API -------------------------------------------------------------------------------------------

  /**
   * Registers handlers and returns a new promise for what they return (a thenable returned is followed). On a
   * settled promise the matching handler runs now, inside this call; otherwise it runs when the promise settles.
   * Without `onComplete` the value passes through; without `onError` the error does. A handler that throws fails
   * the returned promise (a throw in `onComplete` does not reach the `onError` of the same call). `onProgress`
   * receives progress while this promise is pending. As in WinJS, a settled promise may return itself when the
   * outcome does not change (no `onError` on a failed promise; `onComplete` returning the same value).
   * Canceling the returned promise cancels this one.
   *
   * Throws `TypeError` if a handler is neither a function nor null/undefined.
   *
   * Typing: without complete and error handlers the returned promise passes this one's value and progress on
   * (`WinJSPromise<T, P>`); with either, its progress can only come from a promise a handler returns (`unknown`).
   */
  then(onComplete?: null, onError?: null, onProgress?: ((progress: P) => void) | null): WinJSPromise<T, P>;
  then<U = T, V = never>(
    onComplete?: ((value: T) => U | PromiseLike<U>) | null,
    onError?: ((error: any) => V | PromiseLike<V>) | null,
    onProgress?: ((progress: P) => void) | null,
  ): WinJSPromise<U | V>;
  then(
    onComplete?: AnyHandler | null,
    onError?: AnyHandler | null,
    onProgress?: ((progress: P) => void) | null,
  ): WinJSPromise<unknown, unknown> {
    checkHandler(onComplete, "then", "onComplete");
    checkHandler(onError, "then", "onError");
    checkHandler(onProgress, "then", "onProgress");
    return this._then(onComplete, onError, onProgress as AnyHandler | null | undefined, false, null);
  }

  /**
   * Like `then`, but ends the chain: returns nothing. An error that reaches it without an `onError`, or that
   * `onComplete`/`onError` throws, is rethrown asynchronously (through `reportError` where the runtime has it,
   * else as an uncaught exception on a later tick, in Node), never into this call; WinJS's "Canceled" error is
   * dropped instead. If a handler returns something with a `done` method, that is called, so errors of a
   * returned promise surface too.
   *
   * Throws `TypeError` if a handler is neither a function nor null/undefined.
   */
  done(
    onComplete?: ((value: T) => unknown) | null,
    onError?: ((error: any) => unknown) | null,
    onProgress?: ((progress: P) => void) | null,
  ): void {
    checkHandler(onComplete, "done", "onComplete");
    checkHandler(onError, "done", "onError");
    checkHandler(onProgress, "done", "onProgress");
    const state = this._state;
    if (state === SUCCESS || state === SUCCESS_NOTIFY) doneCompleted(this._value, onComplete);
    else if (state >= ERROR_NOTIFY) doneErrored(this, this._value, onError);
    else addListener(this, { t: null, c: onComplete, e: onError, p: onProgress, q: false, s: null });
  }

  /**
   * Cancels the promise if it is pending: cancels its source (the promise a `then` came from, the thenable it
   * follows, or the `onCancel` hook it was made with); unless that settles it, it then errors with WinJS's
   * "Canceled" error, synchronously, inside this call. Does nothing once settled. Never throws: a throwing hook
   * or foreign `cancel()` is reported like a throwing handler.
   */
  cancel(): void {
    if (walksOnCancel(this)) return cancelChain(this);
    const state = this._state;
    if (state === WORKING) this._next = CANCELED;
    else if (state === WAITING) this._next = WAITING_CANCELED;
    // Pumped even when the state ignores the request (WinJS does): a cancel() from inside this promise's own
    // cancellation (its hook, or a handler the cancellation ran) errors it "Canceled" there and then.
    this._run();
  }

  // ---- Statics --------------------------------------------------------------------------------------------------

  /**
   * A `WinJSPromise` for `value`: a `WinJSPromise` is returned as is; an operation of this library is viewed
   * through `toWinJS`; any other object with a `then` method is followed (WinJS returned it as is; a promise
   * that follows it has `done` and `cancel` whatever it had, and `cancel()` still reaches it); anything else
   * gives a completed promise. Never throws, except what `toWinJS` throws for a closed operation.
   */
  static as(): WinJSPromise<void, never>;
  static as<T, P>(value: WinJSPromise<T, P>): WinJSPromise<T, P>;
  static as<T>(value: T): WinJSPromise<Awaited<T>>;
  static as(value?: unknown): AnyWinJS {
    return asWinJS(value);
  }

  /** True for an object with a `then` method (WinJS's duck test). Never throws. */
  static is(value: unknown): value is PromiseLike<unknown> {
    return isThenable(value);
  }

  /** A promise completed with `value` (or following it, if it is a thenable). Never throws. */
  static wrap(): WinJSPromise<void, never>;
  static wrap<T>(value: T): WinJSPromise<Awaited<T>, never>;
  static wrap(value?: unknown): AnyWinJS {
    return completePromise(value);
  }

  /**
   * A promise failed with `error` (any value). As in WinJS, the `error` event fires for it now, as for an error
   * entering a chain. Never throws.
   */
  static wrapError<T = never>(error: unknown): WinJSPromise<T, never> {
    return errorPromise(error, false) as WinJSPromise<T, never>;
  }

  /** One shared promise already failed with WinJS's "Canceled" error (WinJS's `Promise.cancel`). */
  static get cancel(): WinJSPromise<never, never> {
    return (sharedCanceled ??= errorPromise(canceledError(), false)) as WinJSPromise<never, never>;
  }

  /**
   * Waits for every input of an array or a record (each a promise, an operation of this library, any thenable,
   * or a plain value; `undefined` entries are skipped) and completes with their values keyed like the input
   * (`join([])` completes with `[]`). Progress `{ Key, Done: true }` is reported as each input settles, except
   * the last. If any input failed, it fails, once all have settled, with the errors keyed like the input (a
   * sparse array or object holding only the failures); if every failure was a "Canceled" error, it is
   * canceled instead. Canceling it cancels every input.
   *
   * Throws `TypeError` if `values` is not an object.
   */
  static join<const T extends readonly unknown[] | object>(values: T): WinJSPromise<WinJSJoinResults<T>, WinJSJoinProgress> {
    checkCollection(values, "join");
    // Made first and started after, so that the inputs' handlers can name it as the promise they settle.
    const joined = new WinJSPromise<WinJSJoinResults<T>, WinJSJoinProgress>(INTERNAL as never);
    startPromise(
      joined,
      (complete, error, progress) => {
        const record = values as Record<string, unknown>;
        const keys = Object.keys(record);
        const isArray = Array.isArray(values);
        const results: Record<string, unknown> = isArray ? ([] as unknown as Record<string, unknown>) : {};
        const errors: Record<string, unknown> = isArray ? ([] as unknown as Record<string, unknown>) : {};
        let pending = keys.length;
        let skipped = 0;
        const settledOne = (key: string): void => {
          if (--pending !== 0) {
            progress({ Key: key, Done: true });
            return;
          }
          const failed = Object.keys(errors).length;
          if (failed === 0) {
            complete(results);
            return;
          }
          const canceled = keys.filter((name) => hasCanceledName(errors[name])).length;
          if (canceled === failed) complete(WinJSPromise.cancel);
          else error(errors);
        };
        for (const key of keys) {
          const value = record[key];
          if (value === undefined) {
            skipped++;
            continue;
          }
          asWinJS(value)._then(
            (result) => {
              results[key] = result;
              settledOne(key);
            },
            (failure: unknown) => {
              errors[key] = failure;
              settledOne(key);
            },
            undefined,
            false,
            joined,
          );
        }
        pending -= skipped;
        if (pending === 0) complete(results);
      },
      () => cancelEach(values),
    );
    return joined;
  }

  /**
   * Completes as soon as one input of an array or record completes, or fails as soon as one fails, with
   * `{ key, value }` naming that input (`value` is the input itself, not its value). "Canceled" inputs are
   * ignored unless all of them are canceled, which cancels it. The other inputs are not canceled; canceling it
   * cancels every input. `any([])` completes with `undefined` (the type does not say so).
   *
   * Throws `TypeError` if `values` is not an object.
   */
  static any<const T extends readonly unknown[] | object>(values: T): WinJSPromise<WinJSAnyResult<T>, never> {
    checkCollection(values, "any");
    // Made first and started after, so that the inputs' handlers can name it as the promise they settle.
    const first = new WinJSPromise<WinJSAnyResult<T>, never>(INTERNAL as never);
    startPromise(
      first,
      (complete, error) => {
        const record = values as Record<string, unknown>;
        const keys = Object.keys(record);
        if (keys.length === 0) complete(undefined);
        let canceled = 0;
        for (const key of keys) {
          const decided = { key, value: record[key] as WinJSInputOf<T> };
          asWinJS(decided.value)._then(
            () => complete(decided),
            (failure: unknown) => {
              if (!hasCanceledName(failure)) error(decided);
              else if (++canceled === keys.length) complete(WinJSPromise.cancel);
            },
            undefined,
            false,
            first,
          );
        }
      },
      () => cancelEach(values),
    );
    return first;
  }

  /**
   * `as(value).then(onComplete, onError, onProgress)` for every input of an array or record, joined: completes
   * with the handlers' results keyed like the input (see `join` for failures and cancellation).
   *
   * Throws `TypeError` if `values` is not an object or a handler is neither a function nor null/undefined.
   */
  static thenEach<const T extends readonly unknown[] | object, U = Awaited<WinJSInputOf<T>>, V = never>(
    values: T,
    onComplete?: ((value: Awaited<WinJSInputOf<T>>) => U | PromiseLike<U>) | null,
    onError?: ((error: any) => V | PromiseLike<V>) | null,
    onProgress?: ((progress: any) => void) | null,
  ): WinJSPromise<{ -readonly [K in keyof T]: U | V }, WinJSJoinProgress> {
    checkCollection(values, "thenEach");
    checkHandler(onComplete, "thenEach", "onComplete");
    checkHandler(onError, "thenEach", "onError");
    checkHandler(onProgress, "thenEach", "onProgress");
    const record = values as Record<string, unknown>;
    const mapped: Record<string, unknown> = Array.isArray(values) ? ([] as unknown as Record<string, unknown>) : {};
    for (const key of Object.keys(record)) {
      mapped[key] = asWinJS(record[key])._then(onComplete, onError, onProgress, false, null);
    }
    return WinJSPromise.join(mapped) as unknown as WinJSPromise<{ -readonly [K in keyof T]: U | V }, WinJSJoinProgress>;
  }

  /**
   * Without `promise`: a promise that completes (with `undefined`) after `milliseconds`, or on the next
   * macrotask (`setImmediate` where it exists) when that is 0 or absent; canceling it clears its timer.
   * With `promise`: returns `promise` itself, canceled if it has not settled when the time is up (so it errors
   * "Canceled"); the timer is cleared when it settles first.
   *
   * Throws `TypeError` if `milliseconds` is neither a number nor undefined or `promise` has no `then` and
   * `cancel` methods; `RangeError` for a negative, NaN or infinite `milliseconds`.
   */
  static timeout(milliseconds?: number): WinJSPromise<void, never>;
  static timeout<TPromise extends CancelablePromiseLike<unknown>>(milliseconds: number | undefined, promise: TPromise): TPromise;
  static timeout(milliseconds?: number, promise?: CancelablePromiseLike<unknown>): unknown {
    const ms = milliseconds === undefined ? 0 : readMilliseconds(milliseconds, "WinJSPromise.timeout");
    if (promise !== undefined && promise !== null && (!isThenable(promise) || typeof (promise as { cancel?: unknown }).cancel !== "function")) {
      throw new TypeError(`WinJSPromise.timeout expects a promise with then and cancel methods, got ${describe(promise)}`);
    }
    const timer = timerPromise(ms);
    if (promise === undefined || promise === null) return timer;
    timer._then(() => promise.cancel(), undefined, undefined, false, null);
    const stopTimer = (): void => timer.cancel();
    promise.then(stopTimer, stopTimer);
    return promise;
  }

  /**
   * Registers `listener` for `type` ("error" is the only type dispatched). Registering the same listener twice
   * (with the same `useCapture`) keeps one registration. Throws `TypeError` if `type` is not a string or
   * `listener` is not a function.
   */
  static addEventListener(type: "error", listener: WinJSEventListener<WinJSErrorDetail>, useCapture?: boolean): void {
    errorEvents.add(type, listener, useCapture);
  }

  /** Removes a registration `addEventListener` made; does nothing if there is none. Throws `TypeError` if `type` is not a string. */
  static removeEventListener(type: "error", listener: WinJSEventListener<WinJSErrorDetail>, useCapture?: boolean): void {
    errorEvents.remove(type, listener, useCapture);
  }

  /**
   * The `error` event's handler property: setting a function registers it (replacing the previous one, in its
   * place); setting `null` or `undefined` removes it. Reads `undefined` when none is set. Setting anything else
   * throws `TypeError`.
   */
  static get onerror(): WinJSEventListener<WinJSErrorDetail> | undefined {
    return errorEvents.getHandler(ERROR_EVENT) as WinJSEventListener<WinJSErrorDetail> | undefined;
  }

  /** Sets the `error` event's handler property (see the getter). Throws `TypeError` for a value that is not a function, null or undefined. */
  static set onerror(handler: WinJSEventListener<WinJSErrorDetail> | null | undefined) {
    errorEvents.setHandler(ERROR_EVENT, handler);
  }

  // ---- The state machine (internal) -------------------------------------------------------------------------

  /**
   * @internal `then` without argument checks; `quiet` marks an internal follower (see `Listener.q`), `settles` the
   * promise the library's own handlers settle (see `Listener.s`).
   */
  _then(
    onComplete: AnyHandler | null | undefined,
    onError: AnyHandler | null | undefined,
    onProgress: AnyHandler | null | undefined,
    quiet: boolean,
    settles: AnyWinJS | null,
  ): AnyWinJS {
    const state = this._state;
    if (state === SUCCESS || state === SUCCESS_NOTIFY) return thenCompleted(this, onComplete);
    if (state >= ERROR_NOTIFY) return thenErrored(this, onError, quiet);
    const child = makePromise(WORKING, undefined, this);
    addListener(this, { t: child, c: onComplete, e: onError, p: onProgress, q: quiet, s: settles });
    return child;
  }

  /** @internal Enters requested states until none is requested. Re-entrant: user code may request one meanwhile. */
  _run(): void {
    while (this._next !== NONE) {
      const state = this._next;
      this._next = NONE;
      this._state = state;
      this._enter(state);
    }
  }

  /** @internal */
  _enter(state: number): void {
    switch (state) {
      case WAITING:
        this._follow();
        return;
      case WAITING_CANCELED: {
        this._next = CANCELING;
        const followed = this._value as { cancel?: unknown };
        try {
          // Inside the guard: a foreign thenable's `cancel` getter may throw too (a Proxy revoked since).
          if (typeof followed.cancel === "function") (followed as { cancel(): void }).cancel();
        } catch (error) {
          reportListenerError(error);
        }
        return;
      }
      case CANCELED: {
        // Made by the constructor (a `then` promise is canceled by `cancelChain`): the hook may settle it first.
        this._next = CANCELING;
        const hook = this._source;
        if (typeof hook === "function") {
          try {
            (hook as () => void)();
          } catch (error) {
            reportListenerError(error);
          }
        }
        return;
      }
      case CANCELING:
        this._value = canceledError();
        this._next = ERROR_NOTIFY;
        return;
      case SUCCESS_NOTIFY:
      case ERROR_NOTIFY:
        if (this._listeners !== null) {
          if (this === trampolined) {
            // Settled by the library's own handler inside a pass: that pass runs this one's next (see `notifyTree`).
            trampolined = null;
            // eslint-disable-next-line @typescript-eslint/no-this-alias -- handed to the running pass, not an alias
            deferredPass = this;
            return;
          }
          notifyTree(this);
        }
        this._notified();
        return;
      case SUCCESS:
      case ERROR:
        this._source = null;
        if (passDepth === 0 && late.length > 0) finishPasses();
        return;
    }
  }

  /**
   * @internal After the notification pass of a NOTIFY state: a promise that followed this one while it notified
   * registered on it (WinJS's rule, see `_follow`); the pass that owns this promise picks it up, and if no pass
   * does, `finishPasses` delivers it. Then SUCCESS or ERROR.
   */
  _notified(): void {
    if (this._listeners !== null) late.push(this);
    this._next = this._state === SUCCESS_NOTIFY ? SUCCESS : ERROR;
  }

  /** @internal WAITING: follow the thenable in `_value`. */
  _follow(): void {
    const then = followedThen;
    followedThen = undefined;
    // A foreign `then` (or a view's interop) is not the library's own code: nothing it settles is trampolined.
    const armed = trampolined;
    trampolined = null;
    try {
      this._followValue(then);
    } finally {
      trampolined = armed;
    }
  }

  /** @internal The body of `_follow`; `then` is the value's `then`, read once when it arrived. */
  _followValue(then: AnyThen | undefined): void {
    let followed = this._value;
    try {
      if (isOwnOperation(followed)) {
        followed = operationView(followed);
        this._value = followed;
      }
      if (followed instanceof WinJSPromise) {
        if (followed._state !== SUCCESS && followed._state !== ERROR && isThenKind(followed)) {
          // A `then` promise not yet settled, or still notifying (WinJS's rule): become one more of its children
          // (no handlers, so progress passes). One still notifying delivers it when its pass gets to it again.
          addListener(followed, { t: this, c: null, e: null, p: null, q: false, s: null });
          return;
        }
        const source: AnyWinJS = followed;
        const onError = (error: unknown): void => this._followedFailed(error, source, onError);
        // Progress reaches this promise through `deliverProgress`'s walk (`Listener.q`), not through a handler.
        source._then((value) => this._completed(value), onError, null, true, this);
        return;
      }
      // Through the `then` read when the value arrived, never read again (DESIGN 4.7 #3).
      const foreign = followed as PromiseLike<unknown>;
      const onError = (error: unknown): void => this._followedFailed(error, foreign, onError);
      (then ?? (foreign.then as AnyThen)).call(
        foreign,
        (value: unknown) => this._completed(value),
        onError,
        (progress: unknown) => this._progress(progress),
      );
    } catch (exception) {
      // A `then` that throws (or an operation that cannot be viewed): the promise fails with what was thrown.
      this._exception(exception);
    }
  }

  /** @internal The thenable followed failed: the error continues its chain, or (untracked) starts one here. */
  _followedFailed(error: unknown, source: PromiseLike<unknown>, handler: AnyHandler): void {
    if (isWinJSPromise(source) && (errorInfo.get(source)?.id ?? 0) !== 0) {
      this._fail(error, ERROR_NOTIFY, source);
      return;
    }
    // An interop boundary (WinJS's rule): the error is handled here, and enters this promise anew.
    reportHandled(this, error, source, handler);
    this._error(error);
  }

  /** @internal `complete(value)`. */
  _completed(value: unknown): void {
    if (this._state > CANCELED) return;
    let then: AnyThen | undefined;
    try {
      then = thenOf(value);
    } catch (exception) {
      // A hostile value (a throwing `then` getter, a revoked Proxy) fails the promise, as `Promise.resolve` would.
      this._exception(exception);
      return;
    }
    this._value = value;
    this._next = then === undefined ? SUCCESS_NOTIFY : WAITING;
    // `_run` enters WAITING at once, and `_follow` takes the `then` read here: it is never read twice.
    followedThen = then;
    this._run();
  }

  /** @internal A value delivered by the notification pass that owns this promise's children. */
  _setCompleteValue(value: unknown): void {
    if (this._state > CANCELED) return;
    let then: AnyThen | undefined;
    try {
      then = thenOf(value);
    } catch (exception) {
      // As in `_completed`.
      this._setExceptionValue(exception);
      return;
    }
    this._value = value;
    this._next = then === undefined ? SUCCESS : WAITING;
    followedThen = then;
    this._run();
  }

  /** @internal `error(value)`. */
  _error(value: unknown): void {
    if (this._state > CANCELED) return;
    this._value = value;
    reportEntered(this, value, false);
    this._next = ERROR_NOTIFY;
    this._run();
  }

  /** @internal A thrown value that fails this promise and notifies its children. */
  _exception(value: unknown): void {
    if (this._state > CANCELED) return;
    this._value = value;
    reportEntered(this, value, true);
    this._next = ERROR_NOTIFY;
    this._run();
  }

  /** @internal A thrown value delivered by the notification pass (or thrown by the initializer). */
  _setExceptionValue(value: unknown): void {
    if (this._state > CANCELED) return;
    this._value = value;
    reportEntered(this, value, true);
    this._next = ERROR;
    this._run();
  }

  /** @internal An error passing on from `parent` (to `next`: ERROR inside a notification pass, else ERROR_NOTIFY). */
  _fail(value: unknown, next: number, parent: AnyWinJS): void {
    if (this._state > CANCELED) return;
    this._value = value;
    reportChained(this, value, parent);
    this._next = next;
    this._run();
  }

  /** @internal `progress(value)`: each listener's handler, then children without handlers, while pending. */
  _progress(value: unknown): void {
    if (this._state <= CANCELED && this._listeners !== null) deliverProgress(this, value);
  }
}

/** The progress `WinJSPromise.join` reports as each input (except the last) settles. */
export interface WinJSJoinProgress {
  /** The key of the input that settled. */
  readonly Key: string;
  /** Always true. */
  readonly Done: true;
}

const errorEvents = new EventListeners("WinJSPromise", WinJSPromise);
let sharedCanceled: AnyWinJS | undefined;
let lastErrorId = 0;

/** Made by `then` machinery (WinJS's ThenPromise): its `_source` is its creator or NO_CREATOR (until it settles). */
function isThenKind(promise: AnyWinJS): boolean {
  const source = promise._source;
  return typeof source === "object" && source !== null;
}

/**
 * Whether `cancel()` passes on to another `WinJSPromise` (see `cancelChain`): a running `then` promise cancels its
 * creator, a promise following a `WinJSPromise` cancels that one.
 */
function walksOnCancel(promise: AnyWinJS): boolean {
  const state = promise._state;
  return (state === WORKING && isThenKind(promise)) || (state === WAITING && isWinJSPromise(promise._value));
}

/**
 * `cancel()` of a promise that passes it on: WinJS cancels a running `then` promise, then its creator; a promise
 * following another, then the one it follows; and so on to the first promise that passes nothing on (the source,
 * or one following a foreign thenable), which is canceled by its own rules; then each link, from the last back to
 * the first, errors "Canceled" unless what the cancellation set off settled it meanwhile. The walk is a loop here
 * (WinJS recursed, and overflowed the stack on a long chain: `loop = () => step().then(loop)` canceled late).
 */
function cancelChain(start: AnyWinJS): void {
  const path: AnyWinJS[] = [];
  let current: AnyWinJS | undefined = start;
  while (current !== undefined && walksOnCancel(current)) {
    // What entering CANCELED or WAITING_CANCELED does, as the pump would: the state now, and the request to
    // error "Canceled" after.
    path.push(current);
    current._next = CANCELING;
    if (current._state === WAITING) {
      current._state = WAITING_CANCELED;
      current = current._value as AnyWinJS;
    } else {
      current._state = CANCELED;
      const creator: unknown = current._source;
      current = creator instanceof WinJSPromise ? (creator as AnyWinJS) : undefined;
    }
  }
  current?.cancel();
  for (let i = path.length - 1; i >= 0; i--) path[i]!._run();
}

// ---- Making promises --------------------------------------------------------------------------------------------

/** The constructor's work, after its checks (`join`/`any` call it on a promise made with INTERNAL). */
function startPromise(promise: AnyWinJS, init: WinJSInit<unknown, unknown>, onCancel: (() => void) | null): void {
  promise._source = onCancel;
  try {
    init(
      (value) => promise._completed(value),
      (error: unknown) => promise._error(error),
      (progress) => promise._progress(progress),
    );
  } catch (exception) {
    promise._setExceptionValue(exception);
  }
}

function makePromise(state: number, value: unknown, source: AnyWinJS | object | null): AnyWinJS {
  const promise = new WinJSPromise<unknown, unknown>(INTERNAL as never);
  promise._state = state;
  promise._value = value;
  promise._source = source;
  return promise;
}

// A promise made settled only ever reads `_state` and `_value` (nothing can be added to it or change it), so it
// carries just those two; the other fields read their settled defaults from the prototype (WinJS's layout too). It
// keeps `join` over many settled inputs, and long synchronous chains, light on the garbage collector.
Object.defineProperties(WinJSPromise.prototype, {
  _next: { value: NONE, writable: true },
  _listeners: { value: null, writable: true },
  _source: { value: null, writable: true },
});

/** Makes a settled promise: an instance of `WinJSPromise` (same prototype) with two own fields. */
const SettledPromise = function (this: AnyWinJS, state: number, value: unknown): void {
  this._state = state;
  this._value = value;
} as unknown as new (state: number, value: unknown) => AnyWinJS;
SettledPromise.prototype = WinJSPromise.prototype;

function settledPromise(state: number, value: unknown): AnyWinJS {
  return new SettledPromise(state, value);
}

/** WinJS's complete promise: settled with `value`, or, for a thenable, a sourceless `then` promise following it. */
function completePromise(value: unknown): AnyWinJS {
  let then: AnyThen | undefined;
  try {
    then = thenOf(value);
  } catch (exception) {
    // A hostile value (a throwing `then` getter, a revoked Proxy): a failed promise, never a throw (`as`, `wrap`).
    return errorPromise(exception, true);
  }
  if (then === undefined) return settledPromise(SUCCESS, value);
  const follower = makePromise(WORKING, undefined, NO_CREATOR);
  // Following through the `then` read here (see `_completed`).
  follower._value = value;
  follower._next = WAITING;
  followedThen = then;
  follower._run();
  return follower;
}

/** WinJS's error (or, for a thrown value, exception) promise: settled failed, reported as an error entering. */
function errorPromise(value: unknown, exception: boolean): AnyWinJS {
  const promise = settledPromise(ERROR, value);
  reportEntered(promise, value, exception);
  return promise;
}

/**
 * The cancel hook of `join` and `any` (WinJS's): cancels every input that can be canceled, read from the collection
 * again (a plain value cannot; an operation of ours is canceled through its view, so it errors "Canceled" at once).
 */
function cancelEach(values: object): void {
  const record = values as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (isWinJSPromise(value) || isOwnOperation(value)) asWinJS(value).cancel();
    else if (isThenable(value)) {
      try {
        // Inside the guard: a foreign `cancel` getter may throw too.
        if (typeof (value as { cancel?: unknown }).cancel === "function") (value as { cancel(): void }).cancel();
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

/** `WinJSPromise.as`. */
function asWinJS(value: unknown): AnyWinJS {
  if (isWinJSPromise(value)) return value;
  if (isOwnOperation(value)) return operationView(value);
  return completePromise(value);
}

function timerPromise(milliseconds: number): WinJSPromise<void, never> {
  let clear: (() => void) | undefined;
  return new WinJSPromise<void, never>(
    (complete) => {
      const fire = (): void => {
        clear = undefined;
        complete();
      };
      if (milliseconds > 0) {
        const timer = startTimer(milliseconds, fire);
        clear = () => timer.clear();
      } else {
        clear = nextMacrotask(fire);
      }
    },
    () => {
      clear?.();
      clear = undefined;
    },
  );
}

interface ImmediateHost {
  setImmediate?: (callback: () => void) => unknown;
  clearImmediate?: (handle: unknown) => void;
}

/** WinJS's `_setImmediate`: `setImmediate` where the runtime has it, else `setTimeout(0)`. Returns the canceller. */
function nextMacrotask(callback: () => void): () => void {
  const host = globalThis as ImmediateHost;
  if (typeof host.setImmediate === "function" && typeof host.clearImmediate === "function") {
    const handle = host.setImmediate(callback);
    return () => host.clearImmediate!(handle);
  }
  const handle = setTimeout(callback, 0);
  return () => clearTimeout(handle);
}

// ---- Views of operations ----------------------------------------------------------------------------------------

/** What `toWinJS` returns: a `WinJSPromise` with the operation it views. */
export interface WinJSOperationView<T, P, TOperation> extends WinJSPromise<T, P> {
  /** The operation (or wrapper) this promise views, as the UWP projection's `.operation`. */
  readonly operation: TOperation;
}

const views = new WeakMap<object, AnyWinJS>();

/**
 * @internal The body of `toWinJS` (and of `as()` and following, for our operations): one view per operation (asking
 * twice gives the same promise). How the view ends is decided by the operation's status (DESIGN 4.7 #2), read once:
 * `completed` completes it, `canceled` errors it with WinJS's "Canceled" error (its `cause` the `CanceledError`),
 * `error` errors it with the failure whatever that is (a cancellation error included). Our operations are followed
 * through the core's `onSettled` (nothing consumed); a foreign object (see `foreignStatus`) through `foreignOutcome`
 * with the status its shape check read, its `completed` (and `progress`) assigned while it runs; a projection's
 * wrapper, which has no status, through `toPromise` (its `then` read once there), a rejection classified by value.
 * Throws synchronously what subscribing throws: `IllegalMethodCallError` for a closed operation of ours,
 * `IllegalDelegateAssignmentError` for a foreign object whose `completed` was taken, `TypeError` for anything else.
 */
export function operationView(operation: object): WinJSOperationView<unknown, unknown, unknown> {
  const known = views.get(operation);
  if (known !== undefined) return known as WinJSOperationView<unknown, unknown, unknown>;
  let complete!: (value: unknown) => void;
  let fail!: (error: unknown) => void;
  let report!: (progress: unknown) => void;
  const view = new WinJSPromise<unknown, unknown>(
    (onComplete, onError, onProgress) => {
      complete = onComplete;
      fail = onError;
      report = onProgress;
    },
    () => (operation as { cancel(): void }).cancel(),
  );
  const settle = (outcome: Outcome, value: unknown): void => {
    if (outcome === AsyncStatus.completed) complete(value);
    else fail(outcome === AsyncStatus.canceled ? canceledError(value) : value);
  };
  // Outside the initializer, so that a refused input (a closed operation, a taken `completed`) throws here.
  if (isOwnOperation(operation)) followOwn(operation, settle, (progress) => report(progress));
  else {
    const status = foreignStatus(operation);
    if (status !== undefined) followForeign(operation as ForeignOperation, status, settle, (progress) => report(progress));
    else if (isProjectedPromise(operation)) followWrapper(operation, settle, (progress) => report(progress));
    else {
      throw new TypeError(
        `toWinJS expects a WinRT async operation (status, completed, getResults and cancel) or a promise wrapper with then and cancel, got ${describe(operation)}`,
      );
    }
  }
  Object.defineProperty(view, "operation", { value: operation, enumerable: true });
  views.set(operation, view);
  return view as WinJSOperationView<unknown, unknown, unknown>;
}

type ViewSettle = (outcome: Outcome, value: unknown) => void;

/** Our operation: its progress (the progress kinds) until it settles, its outcome from the core (never consumed). */
function followOwn(operation: AsyncCore<unknown, unknown, unknown>, settle: ViewSettle, onProgress: (progress: unknown) => void): void {
  const own = operation as AsyncProgressCore<unknown, unknown, unknown>;
  let subscription: Disposable | undefined;
  // `onSettled` checks that the operation is open (throws IllegalMethodCallError) before anything is subscribed,
  // and calls back on a later microtask, never inside this call.
  onSettled(
    operation,
    (outcome, value) => {
      subscription?.[disposeSymbol]();
      settle(outcome, value);
    },
    0,
  );
  if (typeof own.onProgress === "function") subscription = own.onProgress(onProgress);
}

/**
 * The status of a foreign WinRT-shaped object (`status`, `completed`, `getResults` and `cancel`), read once, or
 * `undefined` for anything else. Never throws (a throwing getter, a revoked Proxy: not an operation).
 */
function foreignStatus(value: object): number | undefined {
  try {
    const op = value as { cancel?: unknown; getResults?: unknown; status?: unknown };
    if (typeof op.cancel !== "function" || typeof op.getResults !== "function" || !("completed" in op)) return undefined;
    const status = op.status;
    return typeof status === "number" ? status : undefined;
  } catch {
    return undefined;
  }
}

const resolvedPromise = Promise.resolve();

/**
 * A foreign operation whose status was read once (by `foreignStatus`): a terminal status decides now, through the
 * root's `foreignOutcome`; `started` assigns `completed` (and, with a `progress` slot, `progress`), and the status
 * the completion passes decides. The view settles a microtask later either way (the core's delivery rule). Throws
 * what assigning `completed` throws.
 */
function followForeign(op: ForeignOperation, status: number, settle: ViewSettle, onProgress: (progress: unknown) => void): void {
  const deliver = (outcome: Outcome, value: unknown): void => {
    void resolvedPromise.then(() => settle(outcome, value));
  };
  if (status !== AsyncStatus.started) {
    foreignOutcome(op, status, deliver);
    return;
  }
  let ended = false;
  if ("progress" in op) {
    op.progress = (_asyncInfo, progress) => {
      if (!ended) onProgress(progress);
    };
  }
  op.completed = (_asyncInfo, asyncStatus) => {
    if (ended) return;
    ended = true;
    foreignOutcome(op, asyncStatus, deliver);
  };
}

/**
 * A projection's promise wrapper, followed by `toPromise` (which reads its `then` once and turns a rejection that
 * means "canceled" into a `CanceledError`); it has no status, so a rejection is classified by its value
 * (`rejectionOutcome`, which never throws: a revoked Proxy is an error).
 */
function followWrapper(wrapper: object, settle: ViewSettle, onProgress: (progress: unknown) => void): void {
  (toPromise as (op: unknown, options: { onProgress: (progress: unknown) => void }) => Promise<unknown>)(wrapper, { onProgress }).then(
    (value) => settle(AsyncStatus.completed, value),
    (reason: unknown) => settle(rejectionOutcome(reason), reason),
  );
}

// ---- Delivery -----------------------------------------------------------------------------------------------------

function addListener(promise: AnyWinJS, listener: Listener): void {
  const listeners = promise._listeners;
  if (listeners === null) promise._listeners = listener;
  else if (Array.isArray(listeners)) listeners.push(listener);
  else promise._listeners = [listeners, listener];
}

/**
 * Calls the progress handlers of `promise`'s listeners in registration order and, right after each registration that
 * passes progress on (a `then` child without complete and error handlers, or an internal follower), those of that
 * promise, and so on: WinJS's depth-first order, walked with an explicit stack so that a long chain does not grow
 * the call stack. Each promise's listeners are counted when it is reached: one registered meanwhile does not see
 * this value. Each promise is walked at most once per value, so a cycle of followers (a promise that follows
 * itself) delivers it once to each handler (WinJS recursed around the cycle until the stack overflowed).
 */
function deliverProgress(promise: AnyWinJS, value: unknown): void {
  // Progress handlers are user code: nothing they settle is trampolined.
  const armed = trampolined;
  trampolined = null;
  let listeners = promise._listeners!;
  let index = 0;
  let length = Array.isArray(listeners) ? listeners.length : 1;
  let stack: [Listener | Listener[], number, number][] | undefined;
  let walked: Set<AnyWinJS> | undefined;
  try {
    for (;;) {
      while (index < length) {
        const listener = Array.isArray(listeners) ? listeners[index]! : listeners;
        index++;
        const onProgress = listener.p;
        if (typeof onProgress === "function") {
          try {
            onProgress(value);
          } catch (error) {
            reportListenerError(error);
          }
        }
        const target = listener.q ? listener.s : !listener.c && !listener.e ? listener.t : null;
        if (target !== null && target._state <= CANCELED && target._listeners !== null) {
          walked ??= new Set([promise]);
          if (walked.has(target)) continue;
          walked.add(target);
          (stack ??= []).push([listeners, index, length]);
          listeners = target._listeners;
          index = 0;
          length = Array.isArray(listeners) ? listeners.length : 1;
        }
      }
      const frame = stack?.pop();
      if (frame === undefined) return;
      [listeners, index, length] = frame;
    }
  } finally {
    trampolined = armed;
  }
}

/** A notification pass suspended while a trampolined one runs: its queue, and where delivery stood in it. */
interface SuspendedPass {
  /** The promise whose NOTIFY state started the pass. */
  readonly root: AnyWinJS;
  readonly queue: (AnyWinJS | undefined)[];
  /** The next index of `queue` to take. */
  readonly next: number;
  /** The promise being notified, its listeners not yet delivered (null between promises), and the next index. */
  readonly promise: AnyWinJS;
  readonly listeners: Listener | Listener[] | null;
  readonly index: number;
  readonly succeeded: boolean;
  readonly value: unknown;
}

/**
 * Notifies `root`'s children, their children, and so on, breadth-first, from one loop. When a handler of the
 * library's own (a follower's, a `join`'s, an `any`'s) settles the promise it serves, that promise's pass is not
 * run inside the handler (WinJS did, so a long chain of followers or nested joins overflowed the stack) but by this
 * loop, right after the handler returns and before anything else is delivered: the order WinJS's recursion gave,
 * with the interrupted pass kept in the heap (a trampoline). Nothing observable runs between the two: the handler's
 * settle was its last act, and user code it reached meanwhile (progress handlers, `error` listeners, a foreign
 * `then`) sees no trampolining. The current pass lives in locals (the common case never suspends one).
 */
function notifyTree(root: AnyWinJS): void {
  const armed = trampolined;
  trampolined = null;
  passDepth++;
  let passRoot = root;
  let queue: (AnyWinJS | undefined)[] = [root];
  let next = 0;
  let promise = root;
  let listeners: Listener | Listener[] | null = null;
  let index = 0;
  let succeeded = false;
  let value: unknown;
  let suspended: SuspendedPass[] | undefined;
  try {
    for (;;) {
      if (listeners === null) {
        if (next < queue.length) {
          const current = queue[next]!;
          queue[next++] = undefined;
          const own = current._listeners;
          if (own === null) continue;
          current._listeners = null;
          promise = current;
          listeners = own;
          index = 0;
          succeeded = current._state === SUCCESS || current._state === SUCCESS_NOTIFY;
          value = current._value;
          continue;
        }
        const resumed = suspended?.pop();
        if (resumed === undefined) return;
        // A trampolined pass ended: its promise leaves NOTIFY as `_enter` would have made it.
        const finished = passRoot;
        ({ root: passRoot, queue, next, promise, listeners, index, succeeded, value } = resumed);
        finished._notified();
        finished._run();
        continue;
      }
      let listener: Listener;
      if (Array.isArray(listeners)) {
        listener = listeners[index++]!;
        if (index === listeners.length) listeners = null;
      } else {
        listener = listeners;
        listeners = null;
      }
      deliver(promise, listener, succeeded, value, queue);
      const started = deferredPass;
      if (started !== null) {
        deferredPass = null;
        (suspended ??= []).push({ root: passRoot, queue, next, promise, listeners, index, succeeded, value });
        passRoot = started;
        queue = [started];
        next = 0;
        listeners = null;
      }
    }
  } finally {
    passDepth--;
    trampolined = armed;
  }
}

/** The promise whose NOTIFY state, if entered now, hands its pass to the running `notifyTree` (see `deliver`). */
let trampolined: AnyWinJS | null = null;
/** The promise that handed its pass over, for `notifyTree` to run next. */
let deferredPass: AnyWinJS | null = null;

/** Notification passes running now (a handler may settle another promise, which starts a pass inside a pass). */
let passDepth = 0;
/** Settled promises that got listeners while they notified, and that the pass owning them may not reach. */
let late: AnyWinJS[] = [];

/**
 * Once no pass runs, delivers to the listeners still waiting on settled promises. WinJS left them waiting forever
 * when no enclosing pass owned their promise (a promise that followed one still notifying never settled); a pass
 * that does own it has reached it by now, in WinJS's order.
 */
function finishPasses(): void {
  while (late.length > 0) {
    const batch = late;
    late = [];
    for (const promise of batch) if (promise._listeners !== null) notifyTree(promise);
  }
}

function deliver(
  promise: AnyWinJS,
  listener: Listener,
  succeeded: boolean,
  value: unknown,
  queue: (AnyWinJS | undefined)[],
): void {
  const target = listener.t;
  if (target === null) {
    if (succeeded) doneCompleted(value, listener.c);
    else doneErrored(promise, value, listener.e);
    return;
  }
  try {
    if (succeeded) {
      const onComplete = listener.c;
      target._setCompleteValue(onComplete ? callHandler(onComplete, value, listener.s) : value);
    } else {
      const onError = listener.e;
      if (onError) {
        if (!listener.q) reportHandled(target, value, promise, onError);
        target._setCompleteValue(callHandler(onError, value, listener.s));
      } else {
        target._fail(value, ERROR, promise);
      }
    }
  } catch (exception) {
    target._setExceptionValue(exception);
  }
  // A child that now follows a thenable notifies its own children when that settles.
  if (target._state !== WAITING && target._listeners !== null) queue.push(target);
}

/** Calls a handler; one of the library's own (`settles` set) has the pass of the promise it settles trampolined. */
function callHandler(handler: AnyHandler, value: unknown, settles: AnyWinJS | null): unknown {
  if (settles === null) return handler(value);
  trampolined = settles;
  try {
    return handler(value);
  } finally {
    trampolined = null;
  }
}

function thenCompleted(promise: AnyWinJS, onComplete: AnyHandler | null | undefined): AnyWinJS {
  const value = promise._value;
  try {
    const next = onComplete ? onComplete(value) : value;
    return next === value ? promise : completePromise(next);
  } catch (exception) {
    return errorPromise(exception, true);
  }
}

function thenErrored(promise: AnyWinJS, onError: AnyHandler | null | undefined, quiet: boolean): AnyWinJS {
  if (!onError) return promise;
  const value = promise._value;
  try {
    if (!quiet) reportHandled(null, value, promise, onError);
    return completePromise(onError(value));
  } catch (exception) {
    return exception === value ? promise : errorPromise(exception, true);
  }
}

function doneCompleted(value: unknown, onComplete: AnyHandler | null | undefined): void {
  if (!onComplete) return;
  try {
    finishDone(onComplete(value));
  } catch (exception) {
    reportListenerError(exception);
  }
}

function doneErrored(promise: AnyWinJS, value: unknown, onError: AnyHandler | null | undefined): void {
  let unhandled = value;
  if (onError) {
    try {
      reportHandled(null, value, promise, onError);
      finishDone(onError(value));
      return;
    } catch (exception) {
      unhandled = exception;
    }
  }
  if (!hasCanceledMessage(unhandled)) reportListenerError(unhandled);
}

/** What a `done` handler returned: if it can be `done`d, its errors must surface too. */
function finishDone(result: unknown): void {
  if (typeof result === "object" && result !== null && typeof (result as { done?: unknown }).done === "function") {
    (result as { done(): void }).done();
  }
}

// ---- The `error` event's bookkeeping ------------------------------------------------------------------------------

/**
 * What the `error` event knows of the error a promise holds: its id along its chain and whether it entered as a
 * thrown exception. Kept aside (only while someone listens, as in WinJS) so that promises stay small.
 */
interface ErrorInfo {
  readonly id: number;
  readonly exception: boolean;
}

const errorInfo = new WeakMap<AnyWinJS, ErrorInfo>();

function tracking(value: unknown): boolean {
  return errorEvents.has(ERROR_EVENT) && !hasCanceledMessage(value);
}

/** An error enters `promise` (through `error()`, or thrown): a new id. */
function reportEntered(promise: AnyWinJS, value: unknown, exception: boolean): void {
  if (!tracking(value)) return;
  const id = ++lastErrorId;
  errorInfo.set(promise, { id, exception });
  dispatchError(detail(exception, value, promise, id, undefined, undefined));
}

/** An error passes from `parent` to `promise`, which has no error handler: the same id. */
function reportChained(promise: AnyWinJS, value: unknown, parent: AnyWinJS): void {
  if (!tracking(value)) return;
  const info = errorInfo.get(parent) ?? { id: 0, exception: false };
  errorInfo.set(promise, info);
  dispatchError(detail(info.exception, value, promise, info.id, parent, undefined));
}

/** An error of `parent` is about to be handled by `handler` (for `promise`, or `null` on a settled parent). */
function reportHandled(
  promise: AnyWinJS | null,
  value: unknown,
  parent: PromiseLike<unknown>,
  handler: AnyHandler | undefined,
): void {
  if (!tracking(value)) return;
  const info = isWinJSPromise(parent) ? errorInfo.get(parent) : undefined;
  dispatchError(detail(info?.exception ?? false, value, promise, info?.id ?? 0, parent, handler));
}

/** Dispatches the `error` event. Its listeners are user code: nothing they settle is trampolined. */
function dispatchError(errorDetail: WinJSErrorDetail): void {
  const armed = trampolined;
  trampolined = null;
  try {
    errorEvents.dispatch(ERROR_EVENT, errorDetail);
  } finally {
    trampolined = armed;
  }
}

function detail(
  exception: boolean,
  value: unknown,
  promise: AnyWinJS | null,
  id: number,
  parent: PromiseLike<unknown> | undefined,
  handler: AnyHandler | undefined,
): WinJSErrorDetail {
  return {
    exception: exception ? value : null,
    error: exception ? null : value,
    promise,
    id: id === 0 ? undefined : id,
    parent,
    handler,
  };
}

// ---- Checks -------------------------------------------------------------------------------------------------------

/** A thenable's `then`, called with the thenable as `this`. */
type AnyThen = (this: unknown, onComplete: AnyHandler, onError: AnyHandler, onProgress: AnyHandler) => unknown;

/** The `then` read by `_completed`/`_setCompleteValue`/`completePromise` for the `_follow` their `_run` enters next. */
let followedThen: AnyThen | undefined;

/**
 * WinJS's test for a thenable (an object, not a function, with a `then` method), reading `then` once: the function,
 * or `undefined` for anything else. Throws what reading `then` throws (a throwing getter, a revoked Proxy): the
 * callers fail a promise with it.
 */
function thenOf(value: unknown): AnyThen | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const then = (value as { then?: unknown }).then;
  return typeof then === "function" ? (then as AnyThen) : undefined;
}

/** `thenOf`, never throwing: a value whose `then` cannot be read is no thenable (`is`, `timeout`, `cancelEach`). */
function isThenable(value: unknown): boolean {
  try {
    return thenOf(value) !== undefined;
  } catch {
    return false;
  }
}

/** `value instanceof WinJSPromise`, never throwing (a revoked Proxy's `getPrototypeOf` trap throws). */
function isWinJSPromise(value: unknown): value is AnyWinJS {
  try {
    return value instanceof WinJSPromise;
  } catch {
    return false;
  }
}

function checkHandler(handler: unknown, method: string, name: string): void {
  if (handler !== undefined && handler !== null && typeof handler !== "function") {
    throw new TypeError(`WinJSPromise ${method} expects ${name} to be a function, null or undefined, got ${describe(handler)}`);
  }
}

function checkCollection(values: unknown, method: string): void {
  if (typeof values !== "object" || values === null) {
    throw new TypeError(`WinJSPromise.${method} expects an array or an object of values, got ${describe(values)}`);
  }
}
