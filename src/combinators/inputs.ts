// What the combinators share: the input types, subscribing to one input (as toPromise would), canceling one
// input, reading options. Built on the public API and the interop layer (`onSettled`), never on src/core.
import { describe } from "../describe.js";
import { onSettled } from "../interop/on-settled.js";
import type { RunOptions } from "../types.js";

export type { AsyncInput, ResultOf } from "../interop/input-types.js";

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
 * Calls `callback(ok, value, token)` (always asynchronously, at most once) with the outcome of one classified input,
 * the way `toPromise(input).then(...)` would: our operations and foreign WinRT-shaped objects through the
 * interop layer's `onSettled` (a lean subscription on ours, which uses up nothing; `toPromise` on a foreign one,
 * which assigns its `completed`), promise-likes through `Promise.resolve`. What subscribing throws
 * synchronously (a closed operation, a foreign `completed` already taken) arrives as a failure.
 */
export function subscribe(
  input: unknown,
  kind: InputKind,
  callback: (ok: boolean, value: unknown, token: number) => void,
  token: number,
): void {
  if (kind === PROMISE_LIKE) {
    Promise.resolve(input).then(
      (value) => callback(true, value, token),
      (error: unknown) => callback(false, error, token),
    );
    return;
  }
  try {
    onSettled(input, callback, token);
  } catch (error) {
    Promise.reject(error).then(undefined, (reason: unknown) => callback(false, reason, token));
  }
}

/** Calls `cancel()` on an input that has one; errors a foreign `cancel()` throws are ignored. */
export function cancelInput(input: unknown): void {
  try {
    const cancel = (input as { cancel?: unknown } | null | undefined)?.cancel;
    if (typeof cancel === "function") (cancel as () => void).call(input);
  } catch {
    // A foreign cancel() may throw when its object is disconnected; nothing else to do.
  }
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
