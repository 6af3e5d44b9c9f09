// What the combinators share: the input types, subscribing to one input (as toPromise would), canceling one
// input, reading options. Built on the public API and the interop layer (`onSettled`); from src/core only the
// cancellation work list and `decideOutcome` (deciding before canceling the losers).
import { describe } from "../describe.js";
import { offSettled, onSettled } from "../interop/on-settled.js";
import { type Cancelable, forwardCancel } from "../core/cancel-forwarding.js";
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
 * Receives the outcome of input `token`; returns whether it took it (false: a failure is left to the unobserved-error
 * report, unless somebody else observes it).
 */
export type InputTarget = (ok: boolean, value: unknown, token: number) => boolean;

/**
 * Gives up on every input of a `subscribeAll`: from now on the combinator hears nothing more, and a failure that
 * still arrives counts as observed if `lateTaken` (false once the combined operation was canceled: nobody will ever
 * see that failure, so it is reported).
 */
export type GiveUp = (lateTaken: boolean) => void;

/**
 * Tells `target` (always asynchronously, at most once per input) the outcome of each classified input, with its
 * index as the token, the way `toPromise(input).then(...)` would: our operations and foreign WinRT-shaped objects
 * through the interop layer's `onSettled` (a lean subscription on ours, which uses up nothing; `toPromise` on a
 * foreign one, which assigns its `completed`), promise-likes through `Promise.resolve`. What subscribing throws
 * synchronously (a closed operation, a foreign `completed` already taken) arrives as a failure.
 *
 * Returns the way to give up (which, when nothing will be taken any more, also unsubscribes from our operations).
 * What the inputs hold (a promise-like's reaction, our operation's subscriber slot)
 * reaches the combinator only through this function's own variables, which giving up clears: an input that never
 * settles then holds its reaction and two small closures, never the combinator, its operation, its timer or its
 * results. That is less than native `Promise.race` holds per give-up (issue 8 item 11; measured in
 * test/contract/r11-memory-of-giving-up.test.ts), and no object per input beyond what a promise reaction needs.
 */
export function subscribeAll(inputs: readonly unknown[], kinds: Uint8Array, target: InputTarget): GiveUp {
  if (inputs.length === 1) return subscribeOne(inputs[0], kinds[0] as InputKind, target);
  const relay = new Relay(target);
  for (let i = 0; i < inputs.length; i++) {
    if (kinds[i] === PROMISE_LIKE) relayPromise(inputs[i], relay, i);
    else relayOperation(inputs[i], relay, i);
  }
  return (lateTaken) => {
    relay.target = null;
    relay.lateTaken = lateTaken;
    // Nothing will be taken any more: our operations forget the subscription now rather than when they end.
    if (!lateTaken) for (let i = 0; i < inputs.length; i++) if (kinds[i] !== PROMISE_LIKE) relay.forget(inputs[i], i);
  };
}

/** What the subscriptions of several inputs share: giving up clears `target` once for all of them. */
class Relay {
  lateTaken = true;
  private bound: InputTarget | undefined = undefined;
  constructor(public target: InputTarget | null) {}

  deliver(ok: boolean, value: unknown, token: number): boolean {
    const target = this.target;
    return target === null ? this.lateTaken : target(ok, value, token);
  }

  /** Undoes the subscription of operation input `token` (see `offSettled`). */
  forget(input: unknown, token: number): void {
    if (this.bound !== undefined) offSettled(input, this.bound, token);
  }

  /** The one callback every operation input is subscribed with, told its index as the token. */
  callback(): InputTarget {
    return (this.bound ??= (ok, value, token) => this.deliver(ok, value, token));
  }
}

function relayPromise(input: unknown, relay: Relay, token: number): void {
  Promise.resolve(input).then(
    (value) => relay.deliver(true, value, token),
    (error: unknown) => relay.deliver(false, error, token),
  );
}

function relayOperation(input: unknown, relay: Relay, token: number): void {
  const callback = relay.callback();
  try {
    onSettled(input, callback, token);
  } catch (error) {
    Promise.reject(error).then(undefined, (reason: unknown) => callback(false, reason, token));
  }
}

/**
 * One input. A promise-like's state lives in the closure context of `subscribePromise` (no shared object): the least
 * a give-up can hold on a promise that never settles, its reaction, the two handlers and that context.
 */
function subscribeOne(input: unknown, kind: InputKind, target: InputTarget): GiveUp {
  if (kind === PROMISE_LIKE) return subscribePromise(input, target);
  const relay = new Relay(target);
  relayOperation(input, relay, 0);
  return (lateTaken) => {
    relay.target = null;
    relay.lateTaken = lateTaken;
    if (!lateTaken) relay.forget(input, 0);
  };
}

function subscribePromise(input: unknown, target: InputTarget): GiveUp {
  let current: InputTarget | null = target;
  let lateTaken = true;
  Promise.resolve(input).then(
    (value) => (current === null ? lateTaken : current(true, value, 0)),
    (error: unknown) => (current === null ? lateTaken : current(false, error, 0)),
  );
  return (taken) => {
    current = null;
    lateTaken = taken;
  };
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
