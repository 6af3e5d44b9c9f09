import { AsyncStatus } from "../status.js";
import { AsyncError, CanceledError, IllegalMethodCallError, isCanceledError } from "../errors.js";
import { HResult } from "../hresult.js";
import { describe } from "../describe.js";
import { readSignalOptions } from "../options.js";
import { reportListenerError } from "../report.js";
import { type AsyncCore, isOwnOperation } from "../core/async-core.js";
import { type AbortWatcher, unwatchAbort, watchAbort } from "../core/abort-watch.js";
import { signalAborted, signalReason } from "../abort-signal.js";
import type { AsyncProgressCore } from "../core/async-progress-core.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable, IAsyncInfo } from "../types.js";
import type { Outcome } from "../core/outcome.js";
import { type ThenMethod, readThen } from "../core/thenable.js";
import type {
  AsyncActionLike,
  AsyncActionWithProgressLike,
  AsyncOperationLike,
  AsyncOperationWithProgressLike,
  ProjectedPromiseLike,
} from "./input-types.js";

/** Options of `toPromise`. */
export interface ToPromiseOptions<TProgress = unknown> {
  /** Rejects the promise at once with a `CanceledError` (its `cause` the signal's reason) and calls `op.cancel()`. */
  readonly signal?: AbortSignal | undefined;
  /** Receives every progress value while the operation runs. */
  readonly onProgress?: ((progress: TProgress) => void) | undefined;
}

/**
 * C#'s `AsTask`: a native promise for any WinRT-shaped operation, ours or foreign (one a native binding made),
 * or for a projection's promise wrapper. Resolves with the result; rejects with the failure (a foreign one taken
 * from `getResults()`, else `errorCode`) or, for `canceled`, with a `CanceledError`. Cancellation is decided
 * from the status, never from `getResults()`.
 *
 * On our operations nothing is consumed (any number of `toPromise` calls, `completed` stays free). On a foreign
 * object a terminal status is read without a handler; otherwise its `completed` (and with `onProgress`, its
 * `progress`) is assigned, as `AsTask` does. The signal listener is removed when the promise settles.
 *
 * A wrapper (a thenable with `cancel()`: the UWP projection's `IPromiseWithOperation`, react-native-winrt's and
 * dynwinrt's promises, a WinJS promise) is followed through its `then`; `signal` calls its `cancel()`;
 * `onProgress` subscribes through `.progress(callback)` when it has one, else through `done`'s third argument
 * when it has `done`, else through `then`'s third argument; its `operation.completed` is never assigned. A
 * rejection that means "canceled" (`operation.status` canceled, or anything `isCanceledError` accepts, such as
 * `{ number: ERROR_CANCELLED }`) becomes a `CanceledError` whose `cause` is that rejection.
 *
 * Throws `TypeError` synchronously for something that is neither WinRT-shaped nor a wrapper (a plain promise has
 * no `cancel()`: await it directly) or for malformed options, and whatever a foreign object's `completed` setter
 * throws (`IllegalDelegateAssignmentError` if it was taken).
 */
export function toPromise<TResult, TProgress>(
  op: AsyncOperationWithProgressLike<TResult, TProgress>,
  options?: ToPromiseOptions<TProgress>,
): Promise<TResult>;
/** `toPromise` for an action with progress: resolves with nothing. See the first overload for the guarantees. */
export function toPromise<TProgress>(
  op: AsyncActionWithProgressLike<TProgress>,
  options?: ToPromiseOptions<TProgress>,
): Promise<void>;
/** `toPromise` for an operation without progress (no `onProgress`). See the first overload for the guarantees. */
export function toPromise<TResult>(
  op: AsyncOperationLike<TResult>,
  options?: Pick<ToPromiseOptions, "signal">,
): Promise<TResult>;
/**
 * `toPromise` for a projection's promise wrapper (a thenable with `cancel()`); its progress values are untyped,
 * as the wrappers' own typings declare them. See the first overload for the guarantees.
 */
export function toPromise<TResult>(
  op: ProjectedPromiseLike<TResult>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  options?: ToPromiseOptions<any>,
): Promise<Awaited<TResult>>;
/** `toPromise` for an action without progress: resolves with nothing. See the first overload for the guarantees. */
export function toPromise(op: AsyncActionLike, options?: Pick<ToPromiseOptions, "signal">): Promise<void>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toPromise(op: unknown, options?: ToPromiseOptions<any>): Promise<unknown> {
  const { signal, onProgress } = readOptions(options);
  if (isOwnOperation(op)) {
    op._checkOpen();
    if (signal === undefined && onProgress === undefined) return op.then();
    return bridge(op, signal, onProgress, subscribeOwn);
  }
  if (isWinRTShaped(op)) {
    return bridge(op as ForeignOperation, signal, onProgress, (foreign, settle, progress) =>
      subscribeForeign(foreign, (outcome, value) => settle(outcome === AsyncStatus.completed, value), progress),
    );
  }
  // `then` read once (DESIGN 4.7 #3): the wrapper is followed through the function read here.
  const then = wrapperThen(op);
  if (then !== undefined) {
    return bridge(op as Wrapper, signal, onProgress, (wrapper, settle, progress) => subscribeWrapper(wrapper, then, settle, progress));
  }
  throw new TypeError(
    `toPromise expects a WinRT async operation (an object with status, completed, getResults and cancel) or a promise wrapper with cancel(), got ${describe(op)}`,
  );
}

type Settle = (ok: boolean, value: unknown) => void;
type Subscribe<T> = (op: T, settle: Settle, onProgress: ((progress: unknown) => void) | undefined) => Disposable | undefined;

/** The shape a foreign operation must have (progress only when `onProgress` is given). */
export interface ForeignOperation {
  readonly status: number;
  readonly errorCode?: unknown;
  cancel(): void;
  completed: ((asyncInfo: unknown, status: AsyncStatus) => void) | null;
  progress?: ((asyncInfo: unknown, progress: unknown) => void) | null;
  getResults(): unknown;
}

function bridge<T extends { cancel(): void }>(
  op: T,
  signal: AbortSignal | undefined,
  onProgress: ((progress: unknown) => void) | undefined,
  subscribe: Subscribe<T>,
): Promise<unknown> {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<unknown>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  let done = false;
  let subscription: Disposable | undefined;
  const watcher: AbortWatcher = {
    _signalAborted(reason: unknown): void {
      settle(false, new CanceledError(undefined, { cause: reason }));
      try {
        op.cancel();
      } catch {
        // A foreign cancel() may fail when its object is disconnected; the promise is canceled either way.
      }
    },
  };
  const settle: Settle = (ok, value) => {
    if (done) return;
    done = true;
    if (signal !== undefined) unwatchAbort(signal, watcher);
    subscription?.[disposeSymbol]();
    subscription = undefined;
    if (ok) resolve(value);
    else reject(value);
  };
  if (signal !== undefined && signalAborted(signal)) {
    watcher._signalAborted(signalReason(signal));
    return promise;
  }
  // Outside the executor, so that misuse (a taken `completed` slot) throws synchronously.
  const made = subscribe(op, settle, onProgress);
  if (done) made?.[disposeSymbol]();
  else {
    subscription = made;
    if (signal !== undefined) watchAbort(signal, watcher);
  }
  return promise;
}

const subscribeOwn: Subscribe<AsyncCore<unknown, unknown, unknown>> = (op, settle, onProgress) => {
  const own = op as AsyncProgressCore<unknown, unknown, unknown>;
  const subscription =
    onProgress !== undefined && typeof own.onProgress === "function" ? own.onProgress(onProgress) : undefined;
  own.then(
    (value) => settle(true, value),
    (error: unknown) => settle(false, error),
  );
  return subscription;
};

/**
 * Internal to the package: the outcome of a foreign operation that says it ended with `status` (read once by the
 * caller), decided by that status (DESIGN 4.7 #2): `completed` with what `getResults()` returns (or `error` with
 * what it throws), `canceled` with a new `CanceledError`, `error` with the failure (`getResults()`'s throw, else
 * `errorCode`) whatever it is, a cancellation error included. A completion that says `started`, or an unknown
 * status, is an `error` (`IllegalMethodCallError`, `TypeError`). Calls `deliver` once, synchronously; never throws
 * (unless `deliver` does).
 */
export function foreignOutcome(
  op: ForeignOperation,
  status: unknown,
  deliver: (outcome: Outcome, value: unknown) => void,
): void {
  switch (status) {
    case AsyncStatus.completed: {
      let outcome: Outcome = AsyncStatus.completed;
      let value: unknown;
      try {
        value = op.getResults();
      } catch (error) {
        outcome = AsyncStatus.error;
        value = error;
      }
      deliver(outcome, value);
      return;
    }
    case AsyncStatus.canceled:
      deliver(AsyncStatus.canceled, new CanceledError());
      return;
    case AsyncStatus.error:
      deliver(AsyncStatus.error, foreignError(op));
      return;
    case AsyncStatus.started:
      // A completion that says "still running" is broken; waiting for a second call could wait forever.
      // .NET's `AsTask` fails the same way (InvalidOperationException, E_ILLEGAL_METHOD_CALL in WinRT terms).
      deliver(
        AsyncStatus.error,
        new IllegalMethodCallError("toPromise: the operation called its completed handler with status started."),
      );
      return;
    default:
      deliver(AsyncStatus.error, new TypeError(`toPromise: the operation reported an unknown status ${describe(status)}`));
  }
}

/**
 * Internal to the package: follows a foreign WinRT-shaped operation, telling `deliver(outcome, value)` once how it
 * ended (see `foreignOutcome`), synchronously if its status is terminal already, else from its `completed` handler
 * (assigned here, as `AsTask` does; with `onProgress`, its `progress` too). Throws what assigning `completed`
 * throws (`IllegalDelegateAssignmentError` if it was taken).
 */
export function subscribeForeign(
  op: ForeignOperation,
  deliver: (outcome: Outcome, value: unknown) => void,
  onProgress: ((progress: unknown) => void) | undefined,
): undefined {
  // Set once the object said it ended (or misbehaved): progress it reports afterwards reaches nobody.
  let ended = false;
  const finish = (status: unknown): void => {
    if (ended) return;
    ended = true;
    foreignOutcome(op, status, deliver);
  };
  const status = op.status;
  if (status !== AsyncStatus.started) {
    finish(status);
    return undefined;
  }
  if (onProgress !== undefined) {
    op.progress = (_asyncInfo, progress) => {
      if (ended || !stillStarted(op)) return;
      try {
        onProgress(progress);
      } catch (error) {
        reportListenerError(error);
      }
    };
  }
  op.completed = (_asyncInfo, asyncStatus) => finish(asyncStatus);
  return undefined;
}

/** A projection's promise wrapper: see `toPromise`. */
interface Wrapper {
  then(onfulfilled: (value: unknown) => unknown, onrejected: (reason: unknown) => unknown, onprogress?: (progress: unknown) => void): unknown;
  cancel(): void;
  done?: unknown;
  progress?: unknown;
  operation?: unknown;
}

function subscribeWrapper(
  wrapper: Wrapper,
  then: ThenMethod,
  settle: Settle,
  onProgress: ((progress: unknown) => void) | undefined,
): Disposable {
  let live = true;
  const progress =
    onProgress === undefined
      ? undefined
      : (value: unknown): void => {
          if (!live) return;
          try {
            onProgress(value);
          } catch (error) {
            reportListenerError(error);
          }
        };
  const onFulfilled = (value: unknown): void => settle(true, value);
  const onRejected = (reason: unknown): void => settle(false, wrapperFailure(wrapper, reason));
  try {
    let thenProgress: ((value: unknown) => void) | undefined;
    if (progress !== undefined) {
      // One channel only: a wrapper that reports through several (the UWP projection: then and done) must not
      // deliver each value twice.
      if (typeof wrapper.progress === "function") (wrapper.progress as (callback: unknown) => unknown).call(wrapper, progress);
      else if (typeof wrapper.done === "function") {
        (wrapper.done as (c: unknown, e: unknown, p: unknown) => unknown).call(wrapper, undefined, ignore, progress);
      } else thenProgress = progress;
    }
    // The `then` read once by `toPromise`, never read again (DESIGN 4.7 #3).
    if (thenProgress === undefined) then.call(wrapper, onFulfilled, onRejected);
    else (then as (this: unknown, ...args: unknown[]) => unknown).call(wrapper, onFulfilled, onRejected, thenProgress);
  } catch (error) {
    // A wrapper whose then (or progress subscription) throws fails the promise, as `await` would.
    settle(false, error);
  }
  return {
    [disposeSymbol]() {
      live = false;
    },
  };
}

function ignore(): void {
  // The outcome arrives through `then`; this error handler only stops a wrapper's `done` from rethrowing.
}

/**
 * What a wrapper's rejection means: a cancellation (its `operation` says `canceled`, or the value is a
 * cancellation error in any known shape) becomes a `CanceledError` caused by it; anything else stays itself.
 */
export function wrapperFailure(wrapper: { operation?: unknown }, reason: unknown): unknown {
  // `isCanceledError` and `isOwnCanceledError` never throw: a hostile reason (a revoked Proxy) is just a failure.
  if (isOwnCanceledError(reason)) return reason;
  let canceled = isCanceledError(reason);
  if (!canceled) {
    try {
      const operation = wrapper.operation as { status?: unknown } | null | undefined;
      canceled = typeof operation === "object" && operation !== null && operation.status === AsyncStatus.canceled;
    } catch {
      // An operation whose status cannot be read says nothing.
    }
  }
  return canceled ? new CanceledError(undefined, { cause: reason }) : reason;
}

/** The `then` of a promise wrapper (a thenable with `cancel()`), read once; `undefined` for anything else. Never throws. */
export function wrapperThen(value: unknown): ThenMethod | undefined {
  try {
    const then = readThen(value);
    return then !== undefined && typeof (value as { cancel?: unknown }).cancel === "function" ? then : undefined;
  } catch {
    // A throwing getter or a revoked Proxy is no wrapper.
    return undefined;
  }
}

/** `value instanceof CanceledError`, never throwing (a revoked Proxy's traps do). */
function isOwnCanceledError(value: unknown): boolean {
  try {
    return value instanceof CanceledError;
  } catch {
    return false;
  }
}

/** Whether a foreign object still says `started`; a throwing `status` getter counts as not. */
function stillStarted(op: ForeignOperation): boolean {
  try {
    return op.status === AsyncStatus.started;
  } catch {
    return false;
  }
}

function foreignError(op: ForeignOperation): unknown {
  try {
    op.getResults();
  } catch (error) {
    return error;
  }
  let code: unknown = null;
  try {
    code = op.errorCode;
  } catch {
    // fall through to the generic error
  }
  return code ?? new AsyncError("The operation failed without an error value.", { hresult: HResult.E_FAIL });
}

function readOptions(options: ToPromiseOptions | undefined): Partial<ToPromiseOptions> {
  const checked = readSignalOptions(options, "toPromise");
  const { onProgress } = checked;
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TypeError(`toPromise options.onProgress must be a function, got ${describe(onProgress)}`);
  }
  return checked;
}

/** True for an object with the members every WinRT async object has (`status`, `completed`, `getResults`, `cancel`). */
export function isWinRTShaped(op: unknown): boolean {
  try {
    return (
      typeof op === "object" &&
      op !== null &&
      typeof (op as { cancel?: unknown }).cancel === "function" &&
      typeof (op as { getResults?: unknown }).getResults === "function" &&
      "completed" in op &&
      typeof (op as { status?: unknown }).status === "number"
    );
  } catch {
    // A throwing getter or a revoked Proxy is no operation to wait on.
    return false;
  }
}

/** True for a projection's promise wrapper: an object or function with `then` and `cancel` methods. */
export function isProjectedPromise(value: unknown): value is Wrapper {
  try {
    return (
      ((typeof value === "object" && value !== null) || typeof value === "function") &&
      typeof (value as { then?: unknown }).then === "function" &&
      typeof (value as { cancel?: unknown }).cancel === "function"
    );
  } catch {
    // A throwing getter or a revoked Proxy is no wrapper.
    return false;
  }
}

/** Throws `TypeError` unless `op` has the members every WinRT async object has. */
export function assertWinRTShaped(op: unknown, caller: string): asserts op is IAsyncInfo {
  if (!isWinRTShaped(op)) {
    throw new TypeError(
      `${caller} expects a WinRT async operation (an object with status, completed, getResults and cancel), got ${describe(op)}`,
    );
  }
}
