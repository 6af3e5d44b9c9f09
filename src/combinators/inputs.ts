// What the combinators share: the input types, subscribing to one input (as toPromise would), canceling one
// input, reading options. Built on the public API and the interop layer (`onSettled`); from src/core only the
// cancellation work list and `decideOutcome` (deciding before canceling the losers).
import { describe } from "../describe.js";
import { onSettled } from "../interop/on-settled.js";
import { type Cancelable, forwardCancel } from "../core/cancel-forwarding.js";
import type { IAsyncInfo, RunOptions } from "../types.js";

/**
 * What a combinator accepts as one input: an operation of this library, a foreign WinRT-shaped object (one a
 * native binding made: `status`, `completed`, `getResults()` and `cancel()`), or a plain promise-like.
 */
export type AsyncInput =
  | (IAsyncInfo & {
      /** The WinRT `completed` handler slot (assigned only on foreign objects, as `toPromise` does). */
      completed: unknown;
      /** The WinRT result accessor. */
      getResults(): unknown;
    })
  | PromiseLike<unknown>;

/**
 * The value an input produces: `TResult` for an `IAsyncOperation<TResult>` (ours or foreign, with or without
 * progress), `void` for an action, `Awaited<T>` for a promise-like. Distributes over unions.
 */
export type ResultOf<T> = T extends IAsyncInfo & {
  /** The accessor whose return type is the result. */
  getResults(): infer R;
}
  ? Awaited<R>
  : T extends PromiseLike<infer R>
    ? Awaited<R>
    : never;

/** How an input is subscribed to: see `classify`. */
export type InputKind = 0 | 1;

/** An async operation, ours or foreign: subscribed through `onSettled` (which tells the two apart). */
const ASYNC_INFO = 0;
/** A plain promise-like: subscribed through `Promise.resolve`. */
const PROMISE_LIKE = 1;

/**
 * Checks one input and says how to subscribe to it: `ASYNC_INFO` for an operation (ours or WinRT-shaped),
 * `PROMISE_LIKE` for a thenable. Throws `TypeError` for anything else. Reads no `status`, so a closed
 * operation of ours is not rejected here: it fails as an input when it is subscribed to.
 */
export function classify(input: unknown, caller: string, index: number): InputKind {
  if ((typeof input === "object" && input !== null) || typeof input === "function") {
    const candidate = input as { cancel?: unknown; getResults?: unknown; then?: unknown };
    if (
      typeof candidate.cancel === "function" &&
      typeof candidate.getResults === "function" &&
      "completed" in candidate &&
      "status" in candidate
    ) {
      return ASYNC_INFO;
    }
    let thenable: boolean;
    try {
      thenable = typeof candidate.then === "function";
    } catch {
      // A throwing `then` getter: `Promise.resolve` rejects with that error, so the input fails, as in Promise.all.
      thenable = true;
    }
    if (thenable) return PROMISE_LIKE;
  }
  throw new TypeError(
    `${caller} expects ${index < 0 ? "" : `input ${index} to be `}an async operation (ours or WinRT-shaped) or a promise-like, got ${describe(input)}`,
  );
}

/**
 * How a combinator hears of its inputs, and how it gives up on them. The callback that every input's
 * subscription holds (for a promise-like: its reaction; for our operation: its subscriber slot) reaches the
 * combinator only through this small object, and `release()` cuts that link: an input that never settles then
 * holds this object and its own reaction, never the combinator, its operation, its timer or its results
 * (issue 8 item 11: no more than native `Promise.race` holds per give-up).
 */
export class InputRelay {
  private target: ((ok: boolean, value: unknown, token: number) => boolean) | null;
  private lateTaken = true;
  private bound: ((ok: boolean, value: unknown, token: number) => boolean) | undefined = undefined;

  /** `target` returns whether it took the outcome (false: a failure is left to the unobserved-error report). */
  constructor(target: (ok: boolean, value: unknown, token: number) => boolean) {
    this.target = target;
  }

  /** The one callback operations are subscribed with (`onSettled`), for every input; made on first need. */
  get callback(): (ok: boolean, value: unknown, token: number) => boolean {
    return (this.bound ??= (ok, value, token) => this.deliver(ok, value, token));
  }

  deliver(ok: boolean, value: unknown, token: number): boolean {
    const target = this.target;
    return target === null ? this.lateTaken : target(ok, value, token);
  }

  /**
   * Gives up on every input. `lateTaken` says whether a failure that still arrives counts as observed (false once
   * the combined operation was canceled: nobody will ever see that failure, so it is reported).
   */
  release(lateTaken: boolean): void {
    this.target = null;
    this.lateTaken = lateTaken;
  }
}

/**
 * Tells `relay` (always asynchronously, at most once) the outcome of one classified input with `token`, the way
 * `toPromise(input).then(...)` would: our operations and foreign WinRT-shaped objects through the interop layer's
 * `onSettled` (a lean subscription on ours, which uses up nothing; `toPromise` on a foreign one, which assigns
 * its `completed`), promise-likes through `Promise.resolve`. What subscribing throws synchronously (a closed
 * operation, a foreign `completed` already taken) arrives as a failure.
 */
export function subscribe(input: unknown, kind: InputKind, relay: InputRelay, token: number): void {
  if (kind === PROMISE_LIKE) {
    Promise.resolve(input).then(
      (value) => relay.deliver(true, value, token),
      (error: unknown) => relay.deliver(false, error, token),
    );
    return;
  }
  try {
    onSettled(input, relay.callback, token);
  } catch (error) {
    Promise.reject(error).then(undefined, (reason: unknown) => relay.deliver(false, reason, token));
  }
}

/**
 * Calls `cancel()` on an input that has one, through the cancellation work list (so nested combinators cancel
 * iteratively); errors a foreign `cancel()` throws are ignored.
 */
export function cancelInput(input: unknown): void {
  let cancelable: boolean;
  try {
    cancelable = typeof (input as { cancel?: unknown } | null | undefined)?.cancel === "function";
  } catch {
    // A throwing `cancel` getter: nothing to call.
    cancelable = false;
  }
  if (cancelable) forwardCancel(input as Cancelable);
}

/**
 * Gives up on inputs the combined operation never subscribed to (it started `canceled`): absorbs a later
 * rejection of each promise-like so it is not reported as unhandled and, with `cancel`, cancels each input that
 * has a `cancel()`.
 */
export function abandon(inputs: readonly unknown[], kinds: Uint8Array, cancel: boolean): void {
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (kinds[i] === PROMISE_LIKE) Promise.resolve(input).then(undefined, ignore);
    if (cancel) cancelInput(input);
  }
}

function ignore(): void {
  // The outcome of an abandoned input is nobody's business any more.
}

/** Collects an iterable into an array. Throws `TypeError` for a non-iterable. */
export function collect(inputs: unknown, caller: string): unknown[] {
  if (Array.isArray(inputs)) return inputs.slice();
  if (
    inputs === null ||
    inputs === undefined ||
    typeof (inputs as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(`${caller} expects an iterable of inputs (an array, a Set, a generator...), got ${describe(inputs)}`);
  }
  return Array.from(inputs as Iterable<unknown>);
}

/**
 * Options every combinator producer accepts, forwarded to `run`: `signal` cancels the combined operation (and
 * through it, its inputs; one listener, removed on settlement), `description` labels it.
 */
export type CombinatorOptions = RunOptions;
