// What the combinators share: the input types, subscribing to one input (as toPromise would), canceling one
// input, reading options. Built on the public API and the interop layer (`onSettled`); from src/core only the
// cancellation work list and `decideOutcome` (deciding before canceling the losers).
import { describe } from "../describe.js";
import { offSettled, onSettled } from "../interop/on-settled.js";
import { type Cancelable, forwardCancel } from "../core/cancel-forwarding.js";
import { isOwnOperation } from "../core/async-core.js";
import { type Outcome, rejectionOutcome } from "../core/outcome.js";
import { type ThenMethod, promiseThrough, readThen } from "../core/thenable.js";
import { AsyncStatus } from "../status.js";
import type { RunOptions } from "../types.js";

export type { AsyncInput, ResultOf } from "../interop/input-types.js";

/** How an input is subscribed to: see `classify`. */
export type InputKind = 0 | 1 | 2;

/** An async operation, ours or foreign: subscribed through `onSettled` (which tells the two apart). */
const ASYNC_INFO = 0;
/** A plain promise-like: followed through the `then` `classify` read (kept in `Inputs.thens`). */
const PROMISE_LIKE = 1;
/** A thenable whose `then` getter threw when `classify` read it: the input fails with that error. */
const THEN_THREW = 2;

/**
 * The checked inputs of a combinator: the list, how to subscribe to each (`kinds`) and, made only when a
 * promise-like is among them, what `classify` read for it (`thens`: its `then`, or what reading it threw). `then`
 * is read once per input (DESIGN 4.7 #3), by `classify`, and never again.
 */
export interface Inputs {
  readonly list: readonly unknown[];
  readonly kinds: Uint8Array;
  thens: unknown[] | undefined;
}

/**
 * Checks every input of `list` (see `classify`); throws `TypeError` for the first one that is neither kind, naming
 * its index unless `indexed` is false (a combinator of one input).
 */
export function classifyAll(list: readonly unknown[], caller: string, indexed = true): Inputs {
  const count = list.length;
  const inputs: Inputs = { list, kinds: new Uint8Array(count), thens: undefined };
  for (let i = 0; i < count; i++) inputs.kinds[i] = classify(inputs, i, caller, indexed ? i : -1);
  return inputs;
}

/**
 * Checks input `i` and says how to subscribe to it: `ASYNC_INFO` for an operation (ours or WinRT-shaped),
 * `PROMISE_LIKE` for a thenable (its `then`, read once here, kept in `inputs.thens`), `THEN_THREW` for an object
 * whose `then` getter threw (the input then fails with that, as in `Promise.all`). Throws `TypeError` for anything
 * else. Reads no `status`, so a closed operation of ours is not rejected here: it fails as an input when it is
 * subscribed to.
 */
function classify(inputs: Inputs, i: number, caller: string, index: number): InputKind {
  const input = inputs.list[i];
  // Ours first: one brand read, the common case of a combinator over 100,000 operations.
  if (isOwnOperation(input)) return ASYNC_INFO;
  if ((typeof input === "object" && input !== null) || typeof input === "function") {
    const candidate = input as { cancel?: unknown; getResults?: unknown; then?: unknown };
    let shaped: boolean;
    try {
      shaped =
        typeof candidate.cancel === "function" &&
        typeof candidate.getResults === "function" &&
        "completed" in candidate &&
        "status" in candidate;
    } catch {
      // A throwing getter or trap: not an operation we can drive; it may still be a promise-like below.
      shaped = false;
    }
    if (shaped) return ASYNC_INFO;
    let then: ThenMethod | undefined;
    try {
      then = readThen(input);
    } catch (error) {
      // A throwing `then` getter: `Promise.resolve` rejects with that error, so the input fails, as in Promise.all.
      (inputs.thens ??= [])[i] = error;
      return THEN_THREW;
    }
    if (then !== undefined) {
      (inputs.thens ??= [])[i] = then;
      return PROMISE_LIKE;
    }
  }
  throw new TypeError(
    `${caller} expects ${index < 0 ? "" : `input ${index} to be `}an async operation (ours or WinRT-shaped) or a promise-like, got ${describe(input)}`,
  );
}

/**
 * Receives the outcome of input `token`, as its status decided it (DESIGN 4.7 #2); returns whether it took it
 * (false: a failure is left to the unobserved-error report, unless somebody else observes it).
 */
export type InputTarget = (outcome: Outcome, value: unknown, token: number) => boolean;

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
export function subscribeAll({ list, kinds, thens }: Inputs, target: InputTarget): GiveUp {
  if (list.length === 1) return subscribeOne(list[0], kinds[0] as InputKind, thens?.[0], target);
  const relay = new Relay(target);
  for (let i = 0; i < list.length; i++) {
    if (kinds[i] === ASYNC_INFO) relayOperation(list[i], relay, i);
    else relayPromise(list[i], kinds[i] as InputKind, thens![i], relay, i);
  }
  return (lateTaken) => {
    relay.target = null;
    relay.lateTaken = lateTaken;
    // Nothing will be taken any more: our operations forget the subscription now rather than when they end.
    if (!lateTaken) for (let i = 0; i < list.length; i++) if (kinds[i] === ASYNC_INFO) relay.forget(list[i], i);
  };
}

/** What the subscriptions of several inputs share: giving up clears `target` once for all of them. */
class Relay {
  lateTaken = true;
  private bound: InputTarget | undefined = undefined;
  constructor(public target: InputTarget | null) {}

  deliver(outcome: Outcome, value: unknown, token: number): boolean {
    const target = this.target;
    return target === null ? this.lateTaken : target(outcome, value, token);
  }

  /** Undoes the subscription of operation input `token` (see `offSettled`). */
  forget(input: unknown, token: number): void {
    if (this.bound !== undefined) offSettled(input, this.bound, token);
  }

  /** The one callback every operation input is subscribed with, told its index as the token. */
  callback(): InputTarget {
    return (this.bound ??= (outcome, value, token) => this.deliver(outcome, value, token));
  }
}

/**
 * Follows a promise-like input through what `classify` read: its `then` (never read again; a native promise's
 * called directly, any other thenable's through a promise that adopts what it gives), or the error reading it threw.
 */
function follow(
  input: unknown,
  kind: InputKind,
  read: unknown,
  onFulfilled: (value: unknown) => unknown,
  onRejected: (error: unknown) => unknown,
): void {
  if (kind === THEN_THREW) void Promise.reject(read).then(undefined, onRejected);
  else if (isNativePromise(input)) (read as ThenMethod).call(input, onFulfilled, onRejected);
  else void promiseThrough(input, read as ThenMethod).then(onFulfilled, onRejected);
}

function relayPromise(input: unknown, kind: InputKind, read: unknown, relay: Relay, token: number): void {
  follow(
    input,
    kind,
    read,
    (value) => relay.deliver(AsyncStatus.completed, value, token),
    (error: unknown) => relay.deliver(rejectionOutcome(error), error, token),
  );
}

/** `value instanceof Promise`, never throwing (a `Proxy`'s `getPrototypeOf` trap may). */
function isNativePromise(value: unknown): boolean {
  try {
    return value instanceof Promise;
  } catch {
    return false;
  }
}

function relayOperation(input: unknown, relay: Relay, token: number): void {
  const callback = relay.callback();
  try {
    onSettled(input, callback, token);
  } catch (error) {
    Promise.reject(error).then(undefined, (reason: unknown) => callback(AsyncStatus.error, reason, token));
  }
}

/**
 * One input. A promise-like's state lives in the closure context of `subscribePromise` (no shared object): the least
 * a give-up can hold on a promise that never settles, its reaction, the two handlers and that context.
 */
function subscribeOne(input: unknown, kind: InputKind, read: unknown, target: InputTarget): GiveUp {
  if (kind !== ASYNC_INFO) return subscribePromise(input, kind, read, target);
  const relay = new Relay(target);
  relayOperation(input, relay, 0);
  return (lateTaken) => {
    relay.target = null;
    relay.lateTaken = lateTaken;
    if (!lateTaken) relay.forget(input, 0);
  };
}

function subscribePromise(input: unknown, kind: InputKind, read: unknown, target: InputTarget): GiveUp {
  let current: InputTarget | null = target;
  let lateTaken = true;
  follow(
    input,
    kind,
    read,
    (value) => (current === null ? lateTaken : current(AsyncStatus.completed, value, 0)),
    (error: unknown) => (current === null ? lateTaken : current(rejectionOutcome(error), error, 0)),
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
export function abandon({ list, kinds, thens }: Inputs, cancel: boolean): void {
  for (let i = 0; i < list.length; i++) {
    const input = list[i];
    if (kinds[i] !== ASYNC_INFO) follow(input, kinds[i] as InputKind, thens![i], ignore, ignore);
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
