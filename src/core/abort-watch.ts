// One "abort" listener per signal, however many operations, `toPromise` calls and progress iterators follow it:
// linking many operations to one long-lived signal then neither triggers Node's (false, since everything is
// removed on settlement) `MaxListenersExceededWarning`, nor costs an `EventTarget` listener record each. When the
// signal aborts, its watchers are told inside one step of the cancellation work list, so what they cancel in turn
// (operations linked to their `ctx.signal`, and so on) is forwarded iteratively (see cancel-forwarding.ts).
import { addAbortListener, removeAbortListener, signalReason } from "../abort-signal.js";
import { reportListenerError } from "../report.js";
import { runCancelStep } from "./cancel-forwarding.js";

/** Told once, with the signal's reason, when the watched signal aborts. */
export interface AbortWatcher {
  _signalAborted(reason: unknown): void;
}

class Watchers {
  readonly set = new Set<AbortWatcher>();
  constructor(
    readonly signal: AbortSignal,
    readonly listener: () => void,
  ) {}
}

const watched = new WeakMap<AbortSignal, Watchers>();

/** Calls `watcher._signalAborted(reason)` when `signal` (a real, not yet aborted signal) aborts. */
export function watchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  let watchers = watched.get(signal);
  if (watchers === undefined) {
    const listener = (): void => {
      runCancelStep(notifyWatchers, watchers!, signalReason(signal));
    };
    watchers = new Watchers(signal, listener);
    watched.set(signal, watchers);
    addAbortListener(signal, listener);
  }
  watchers.set.add(watcher);
}

/** Stops watching; the signal's listener is removed with its last watcher. Never throws. */
export function unwatchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  const watchers = watched.get(signal);
  if (watchers === undefined || !watchers.set.delete(watcher) || watchers.set.size > 0) return;
  release(watchers);
}

function release(watchers: Watchers): void {
  if (watched.get(watchers.signal) === watchers) watched.delete(watchers.signal);
  removeAbortListener(watchers.signal, watchers.listener);
}

function notifyWatchers(this: Watchers, reason: unknown): void {
  // A signal aborts once: whoever watches it now is told, and the listener goes.
  release(this);
  const set = this.set;
  for (const watcher of set) {
    set.delete(watcher);
    try {
      watcher._signalAborted(reason);
    } catch (error) {
      reportListenerError(error);
    }
  }
}
