import type { Disposable, IAsyncInfo } from "./types.js";
import { disposeSymbol } from "./symbols.js";
import { describe } from "./describe.js";

interface ProcessLike {
  nextTick?(callback: () => void): void;
  emitWarning?(warning: string | Error, options?: { type?: string; code?: string }): void;
}

function processLike(): ProcessLike | undefined {
  const candidate = (globalThis as { process?: ProcessLike }).process;
  return typeof candidate === "object" && candidate !== null ? candidate : undefined;
}

/**
 * Reports an error thrown by user code we called (a `completed` or `progress` handler, an `onProgress`
 * listener, an `onCancel` callback) the way an `EventTarget` reports a throwing listener: `reportError` where
 * the runtime has it (browsers, Deno), else an uncaught exception on a later tick (Node). Never swallowed, and
 * never thrown into the code that triggered the call.
 */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === "function") {
    report(error);
    return;
  }
  const proc = processLike();
  const rethrow = (): never => {
    throw error;
  };
  if (proc !== undefined && typeof proc.nextTick === "function") proc.nextTick(rethrow);
  else setTimeout(rethrow, 0);
}

/** Receives an error that no consumer of its operation observed. `operation` may already be closed. */
export type UnobservedErrorListener = (error: unknown, operation: IAsyncInfo) => void;

// One registry per realm, shared by every copy of this library in it (the ESM and the CommonJS build, or two
// versions): a listener subscribed through one copy hears failures of every copy, and the fallback warning is
// printed only when no copy has a listener. Kept to a plain `Set` of functions so that versions agree on it.
const listeners: Set<UnobservedErrorListener> = ((globalThis as Record<symbol, Set<UnobservedErrorListener> | undefined>)[
  Symbol.for("winrt-async.unobservedErrorListeners")
] ??= new Set());

/**
 * Subscribes to errors nobody observed: an operation that ended in `error` while no consumer awaited it,
 * assigned `completed`, or read `getResults()`/`errorCode` by the end of the macrotask in which it failed; and
 * an error a body threw after its operation was already canceled (its status stays `canceled`).
 *
 * While at least one listener is subscribed, listeners receive every such error and nothing else happens.
 * With none, the error goes to `process.emitWarning` (type `UnobservedAsyncError`) where it exists, else to
 * `console.error`. Never crashes the process. A listener that throws is reported like a throwing event
 * listener. Disposing the returned `Disposable` unsubscribes. Throws `TypeError` if `listener` is not a function.
 */
export function onUnobservedError(listener: UnobservedErrorListener): Disposable {
  if (typeof listener !== "function") {
    throw new TypeError(`onUnobservedError expects a function, got ${describe(listener)}`);
  }
  // Wrap so that subscribing the same function twice gives two independent subscriptions.
  const entry: UnobservedErrorListener = (error, operation) => listener(error, operation);
  listeners.add(entry);
  return {
    [disposeSymbol]() {
      listeners.delete(entry);
    },
  };
}

/** What the engine hands over for a later check; `_isObserved` is read when the check runs. */
export interface UnobservedCandidate extends IAsyncInfo {
  _isObserved(): boolean;
}

// Flat triples (operation to check or null for a late error, the error, the operation): no object per entry.
let pending: unknown[] = [];
let timerSet = false;

/**
 * Queues `error` of `operation` to be reported at the end of this macrotask unless the operation was observed
 * by then. `late` errors (thrown after cancellation) are reported whatever happens meanwhile.
 */
export function deferUnobservedCheck(operation: UnobservedCandidate, error: unknown, late: boolean): void {
  pending.push(late ? null : operation, error, operation);
  if (!timerSet) {
    timerSet = true;
    // One timer for every failure of this turn: a setTimeout, not a microtask, so an `await op` written a
    // few statements (or microtasks) after the failure still counts as observing it.
    setTimeout(flushUnobserved, 0);
  }
}

function flushUnobserved(): void {
  const batch = pending;
  pending = [];
  timerSet = false;
  for (let i = 0; i < batch.length; i += 3) {
    const check = batch[i] as UnobservedCandidate | null;
    if (check?._isObserved()) continue;
    // Each report on its own: whatever one of them does, the others of the batch are still reported.
    try {
      dispatchUnobserved(batch[i + 1], batch[i + 2] as UnobservedCandidate);
    } catch (thrown) {
      reportListenerError(thrown);
    }
  }
}

function dispatchUnobserved(error: unknown, operation: IAsyncInfo): void {
  if (listeners.size > 0) {
    for (const listener of listeners) {
      try {
        listener(error, operation);
      } catch (thrown) {
        reportListenerError(thrown);
      }
    }
    return;
  }
  const text = `An error of a winrt-async operation was never observed: ${describeError(error)}`;
  const proc = processLike();
  if (proc !== undefined && typeof proc.emitWarning === "function") {
    proc.emitWarning(text, { type: "UnobservedAsyncError" });
  } else {
    try {
      console.error(text, error);
    } catch {
      // A console that inspects the value may run its traps; the text alone then.
      console.error(text);
    }
  }
}

/**
 * The text of the warning: an `Error`'s stack (or name and message). Never throws: the failure value is
 * whatever a body threw, and `instanceof`, `stack` and `message` may run throwing getters or `Proxy` traps
 * (a revoked one throws on every one of them); then it is described by its type only.
 */
function describeError(error: unknown): string {
  try {
    if (error instanceof Error) {
      const stack: unknown = error.stack;
      if (typeof stack === "string") return stack;
      return `${String(error.name)}: ${String(error.message)}`;
    }
  } catch {
    // fall through to the description that runs no code of the value
  }
  return describe(error);
}
