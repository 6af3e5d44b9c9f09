// The promise faces today's WinRT bridges hand to JavaScript (research: shared/spec/interop-and-coroutines.md 3.1-3.4),
// built over a foreign WinRT-shaped object (helpers/foreign.ts), since the bridges themselves only run on Windows:
// - chakra: the UWP JavaScript projection's frozen { operation, then, done, cancel }, which assigns the
//   operation's completed/progress on first use, notifies synchronously, fails a cancellation with an Error whose
//   name and message are "Canceled", and reports progress through then's and done's third argument;
// - reactNative: react-native-winrt's host object, whose then returns a native promise, whose progress reaches
//   only done's third argument, and whose cancellation rejects with a plain { message, number } object;
// - dynwinrt: a native promise with .progress(callback) and .cancel(), whose cancellation rejects with a bare Error.
import { AsyncStatus, HResult } from "../../src/index.js";
import { foreign, type Foreign } from "./foreign.js";

type Callback = ((value: unknown) => unknown) | undefined;

export interface Bridge {
  readonly name: string;
  /** Makes a wrapper over a fresh foreign operation with progress. */
  make(): { wrapper: unknown; source: Foreign };
  /** True when a canceled wrapper rejects with something isCanceledError accepts without help from `operation`. */
  readonly cancellationRecognizable: boolean;
}

function chakra(): { wrapper: unknown; source: Foreign } {
  const source = foreign({ withProgress: true });
  const op = source.op as unknown as {
    status: AsyncStatus;
    completed: unknown;
    progress: unknown;
    getResults(): unknown;
    cancel(): void;
  };
  const listeners: Array<{ c: Callback; e: Callback; p: Callback }> = [];
  let hooked = false;
  let outcome: { ok: boolean; value: unknown } | undefined;
  const deliver = (entry: { c: Callback; e: Callback }): void => {
    const { ok, value } = outcome!;
    if (ok) entry.c?.(value);
    else entry.e?.(value);
  };
  const hook = (): void => {
    if (hooked) return;
    hooked = true;
    op.progress = (_info: unknown, value: unknown) => {
      for (const entry of listeners.slice()) entry.p?.(value);
    };
    op.completed = (_info: unknown, status: AsyncStatus) => {
      if (status === AsyncStatus.completed) outcome = { ok: true, value: op.getResults() };
      else if (status === AsyncStatus.canceled) {
        const error = new Error("Canceled");
        error.name = "Canceled";
        outcome = { ok: false, value: error };
      } else {
        let error: unknown;
        try {
          op.getResults();
        } catch (thrown) {
          error = thrown;
        }
        outcome = { ok: false, value: error };
      }
      for (const entry of listeners.splice(0)) deliver(entry);
    };
  };
  const register = (c: Callback, e: Callback, p: Callback): void => {
    hook();
    const entry = { c, e, p };
    if (outcome !== undefined) deliver(entry);
    else listeners.push(entry);
  };
  const wrapper = Object.freeze({
    operation: op,
    then(c?: Callback, e?: Callback, p?: Callback) {
      return new Promise((resolve, reject) => register((v) => resolve(c ? c(v) : v), (r) => (e ? resolve(e(r)) : reject(r)), p));
    },
    done(c?: Callback, e?: Callback, p?: Callback) {
      register(c, e ?? ((r) => setTimeout(() => { throw r; })), p);
    },
    cancel() {
      hook();
      op.cancel();
    },
  });
  return { wrapper, source };
}

function reactNative(): { wrapper: unknown; source: Foreign } {
  const source = foreign({ withProgress: true });
  const op = source.op as unknown as { completed: unknown; progress: unknown; getResults(): unknown; cancel(): void };
  const progressListeners: Callback[] = [];
  let settle!: { resolve: (value: unknown) => void; reject: (reason: unknown) => void };
  const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
  promise.catch(() => undefined);
  // It co_awaits the operation at creation: the operation's completed slot is taken from the start.
  op.progress = (_info: unknown, value: unknown) => {
    for (const listener of progressListeners.slice()) listener?.(value);
  };
  op.completed = (_info: unknown, status: AsyncStatus) => {
    if (status === AsyncStatus.completed) settle.resolve(op.getResults());
    else if (status === AsyncStatus.canceled) settle.reject({ message: "Canceled", number: HResult.ERROR_CANCELLED });
    else settle.reject({ message: "Failed", number: HResult.E_FAIL });
  };
  const wrapper = {
    operation: op,
    then(c?: Callback, e?: Callback) {
      return promise.then(c, e);
    },
    catch(e?: Callback) {
      return promise.catch(e);
    },
    finally(f?: () => void) {
      return promise.finally(f);
    },
    done(c?: Callback, e?: Callback, p?: Callback) {
      if (p !== undefined) progressListeners.push(p);
      promise.then(c, e ?? ((r) => setTimeout(() => { throw r; })));
    },
    cancel() {
      op.cancel();
    },
  };
  return { wrapper, source };
}

function dynwinrt(): { wrapper: unknown; source: Foreign } {
  const source = foreign({ withProgress: true });
  const op = source.op as unknown as { completed: unknown; progress: unknown; getResults(): unknown; cancel(): void };
  const progressListeners: Array<(value: unknown) => void> = [];
  const promise = new Promise((resolve, reject) => {
    op.progress = (_info: unknown, value: unknown) => {
      for (const listener of progressListeners.slice()) listener(value);
    };
    op.completed = (_info: unknown, status: AsyncStatus) => {
      if (status === AsyncStatus.completed) resolve(op.getResults());
      else if (status === AsyncStatus.canceled) reject(new Error("Async operation was canceled"));
      else reject(new Error("Async operation failed"));
    };
  });
  const wrapper = Object.assign(promise, {
    progress(callback: (value: unknown) => void) {
      progressListeners.push(callback);
      return wrapper;
    },
    cancel() {
      op.cancel();
    },
  });
  return { wrapper, source };
}

export const bridges: readonly Bridge[] = [
  { name: "UWP projection (then/done/cancel/operation)", make: chakra, cancellationRecognizable: true },
  { name: "react-native-winrt (done progress, { number } errors)", make: reactNative, cancellationRecognizable: true },
  { name: "dynwinrt (native promise + progress() + cancel())", make: dynwinrt, cancellationRecognizable: false },
];
