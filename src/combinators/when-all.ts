import { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import type { AsyncProgressContext, Disposable } from "../types.js";
import { disposeSymbol } from "../symbols.js";
import {
  type AsyncInput,
  type CombinatorOptions,
  type ResultOf,
  abandon,
  cancelInput,
  classifyAll,
  collect,
  type GiveUp,
  type Inputs,
  subscribeAll,
} from "./inputs.js";
import { decideOutcome, hasProgressSubscribers } from "../core/body-context.js";
import type { Outcome } from "../core/outcome.js";
import { AsyncStatus } from "../status.js";
import { readRunOptions } from "../options.js";

/** The progress of `whenAll`: how many inputs have completed, out of how many. */
export interface WhenAllProgress {
  /** Inputs that have completed so far. */
  completed: number;
  /** The number of inputs. */
  total: number;
}

/** Options of `whenAll`: `signal` and `description`, forwarded to the combined operation's `run`. */
export type WhenAllOptions = CombinatorOptions;

/** The slot of one input in the results of `whenAll`: its `ResultOf`, with `undefined` for an action. */
export type WhenAllSlot<T> = SlotOf<ResultOf<T>>;
type SlotOf<R> = R extends void ? undefined : R;

/** The results of `whenAll` over an array or tuple type `T`: one slot per input, in input order. */
export type WhenAllResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: WhenAllSlot<T[K]> };

/**
 * Waits for every input and completes with their results in input order (`undefined` in an action's slot).
 * Inputs may be operations of this library, foreign WinRT-shaped objects (through the same path as `toPromise`:
 * on ours nothing is consumed, on a foreign one `completed` is assigned) and plain promise-likes, from any
 * iterable; a tuple gives a tuple-typed result. Reports `{ completed, total }` progress once per input that
 * completes.
 *
 * Guarantees:
 * - The first input *in time* to fail or be canceled decides the outcome (`error` with its error, or
 *   `canceled`), and every other input is canceled (its `cancel()` is called, when it has one).
 * - Canceling the combined operation (or aborting `options.signal`) cancels every input; an already-aborted
 *   signal gives an operation that starts `canceled` and cancels every input at once.
 * - `whenAll([])` is `completed` with `[]` when it returns.
 * - Late outcomes of inputs are absorbed (no unhandled rejection); once it settles, the combined operation
 *   holds no reference to the inputs or results, and leaves one listener at most on `options.signal` while
 *   running, none after. O(n) in the number of inputs.
 *
 * Throws `TypeError` synchronously, before touching any input, for a non-iterable, an element that is neither
 * an async operation nor a promise-like, or malformed options. What `toPromise` refuses (a closed operation, a
 * foreign object whose `completed` was taken) makes that input fail instead.
 */
export function whenAll<const T extends readonly AsyncInput[]>(
  inputs: T,
  options?: WhenAllOptions,
): AsyncOperationWithProgress<WhenAllResults<T>, WhenAllProgress>;
/** `whenAll` over any iterable: the results are an array of the inputs' slots. See the first overload. */
export function whenAll<T extends AsyncInput>(
  inputs: Iterable<T>,
  options?: WhenAllOptions,
): AsyncOperationWithProgress<WhenAllSlot<T>[], WhenAllProgress>;
export function whenAll(
  inputs: Iterable<unknown>,
  options?: WhenAllOptions,
): AsyncOperationWithProgress<unknown[], WhenAllProgress> {
  const runOptions = readRunOptions(options, "whenAll");
  const list = collect(inputs, "whenAll");
  const count = list.length;
  const checked = classifyAll(list, "whenAll");
  let bodyRan = false;
  const op = AsyncOperationWithProgress.run<unknown[], WhenAllProgress>((ctx) => {
    bodyRan = true;
    if (count === 0) return [];
    // The outcome is decided through `decideOutcome`; the body's own promise only says the body is over.
    return new Promise<unknown[]>((resolve) => {
      new WhenAll(checked, ctx, () => resolve(list)).start();
    });
  }, runOptions);
  // An already-aborted signal: the body never ran and the combined operation is canceled.
  if (!bodyRan) abandon(checked, true);
  return op;
}

/** The state of one running `whenAll`; every reference is dropped when it settles. */
class WhenAll {
  private inputs: Inputs | null;
  private results: unknown[] | null;
  /** 1 once that input's result arrived: it needs no `cancel()`. */
  private done: Uint8Array | null;
  private ctx: AsyncProgressContext<WhenAllProgress> | null;
  /** Ends the body (its outcome was decided already). */
  private end: (() => void) | null;
  private giveUp: GiveUp | undefined = undefined;
  private cancelRegistration: Disposable | undefined = undefined;
  private remaining: number;
  private readonly total: number;
  private settled = false;

  constructor(inputs: Inputs, ctx: AsyncProgressContext<WhenAllProgress>, end: () => void) {
    const count = inputs.list.length;
    this.inputs = inputs;
    this.total = this.remaining = count;
    this.results = new Array<unknown>(count);
    this.done = new Uint8Array(count);
    this.ctx = ctx;
    this.end = end;
  }

  start(): void {
    const inputs = this.inputs!;
    this.cancelRegistration = this.ctx!.onCancel(() => this.canceled());
    // Every input is subscribed even if the operation settles meanwhile, so no late rejection goes unhandled.
    this.giveUp = subscribeAll(inputs, (outcome, value, index) => this.settleInput(index, outcome, value));
  }

  /** Called only while running (giving up cuts the inputs off). Always takes the outcome. */
  private settleInput(index: number, outcome: Outcome, value: unknown): boolean {
    if (outcome !== AsyncStatus.completed) {
      this.fail(outcome, value);
      return true;
    }
    this.results![index] = value;
    this.done![index] = 1;
    const remaining = --this.remaining;
    // No progress object per input unless somebody listens: at 100,000 inputs that is 100,000 allocations less.
    const ctx = this.ctx!;
    if (hasProgressSubscribers(ctx)) ctx.report({ completed: this.total - remaining, total: this.total });
    // A progress handler may have canceled the combined operation meanwhile.
    if (remaining !== 0 || this.settled) return true;
    const results = this.results!;
    const end = this.end!;
    this.release(true);
    decideOutcome(ctx, AsyncStatus.completed, results);
    end();
    return true;
  }

  /** The first failure in time decides, before the other inputs are canceled (one may re-enter `cancel()`). */
  private fail(outcome: Outcome, error: unknown): void {
    const ctx = this.ctx!;
    const end = this.end!;
    const pending = this.pending();
    this.release(true);
    decideOutcome(ctx, outcome, error);
    for (const input of pending) cancelInput(input);
    end();
  }

  /** The combined operation was canceled (it already is `canceled`): cancel every input, let the body end. */
  private canceled(): void {
    if (this.settled) return;
    const end = this.end!;
    const pending = this.pending();
    // Nobody will see what the inputs still deliver: a failure among it goes to the unobserved-error report.
    this.release(false);
    for (const input of pending) cancelInput(input);
    end();
  }

  /** The inputs whose outcome has not arrived yet. */
  private pending(): unknown[] {
    const inputs = this.inputs!.list;
    const done = this.done!;
    const pending: unknown[] = [];
    for (let i = 0; i < inputs.length; i++) if (done[i] === 0) pending.push(inputs[i]);
    return pending;
  }

  private release(lateTaken: boolean): void {
    this.settled = true;
    this.giveUp?.(lateTaken);
    this.giveUp = undefined;
    this.inputs = this.results = this.done = null;
    this.ctx = null;
    this.end = null;
    const registration = this.cancelRegistration;
    this.cancelRegistration = undefined;
    registration?.[disposeSymbol]();
  }
}
