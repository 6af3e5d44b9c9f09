import { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import type { AsyncProgressContext, Disposable } from "../types.js";
import { disposeSymbol } from "../symbols.js";
import {
  type AsyncInput,
  type CombinatorOptions,
  type ResultOf,
  abandon,
  cancelInput,
  classify,
  collect,
  subscribe,
  type InputKind,
} from "./inputs.js";
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
  const kinds = new Uint8Array(count);
  for (let i = 0; i < count; i++) kinds[i] = classify(list[i], "whenAll", i);
  let bodyRan = false;
  const op = AsyncOperationWithProgress.run<unknown[], WhenAllProgress>((ctx) => {
    bodyRan = true;
    if (count === 0) return [];
    return new Promise<unknown[]>((resolve, reject) => {
      new WhenAll(list, kinds, ctx, resolve, reject).start();
    });
  }, runOptions);
  // An already-aborted signal: the body never ran and the combined operation is canceled.
  if (!bodyRan) abandon(list, kinds, true);
  return op;
}

/** The state of one running `whenAll`; every reference is dropped when it settles. */
class WhenAll {
  private inputs: unknown[] | null;
  private kinds: Uint8Array | null;
  private results: unknown[] | null;
  /** 1 once that input's result arrived: it needs no `cancel()`. */
  private done: Uint8Array | null;
  private ctx: AsyncProgressContext<WhenAllProgress> | null;
  private resolve: ((results: unknown[]) => void) | null;
  private reject: ((error: unknown) => void) | null;
  private cancelRegistration: Disposable | undefined = undefined;
  private remaining: number;
  private readonly total: number;
  private settled = false;

  constructor(
    inputs: unknown[],
    kinds: Uint8Array,
    ctx: AsyncProgressContext<WhenAllProgress>,
    resolve: (results: unknown[]) => void,
    reject: (error: unknown) => void,
  ) {
    this.inputs = inputs;
    this.kinds = kinds;
    this.total = this.remaining = inputs.length;
    this.results = new Array<unknown>(inputs.length);
    this.done = new Uint8Array(inputs.length);
    this.ctx = ctx;
    this.resolve = resolve;
    this.reject = reject;
  }

  start(): void {
    const inputs = this.inputs!;
    const kinds = this.kinds!;
    this.cancelRegistration = this.ctx!.onCancel(() => this.canceled());
    // Every input is subscribed even if the operation settles meanwhile, so no late rejection goes unhandled.
    // One callback for every input, told the input's index as its token: nothing allocated per input here.
    const settleInput = (ok: boolean, value: unknown, index: number): void => this.settleInput(index, ok, value);
    for (let i = 0; i < inputs.length; i++) subscribe(inputs[i], kinds[i] as InputKind, settleInput, i);
  }

  private settleInput(index: number, ok: boolean, value: unknown): void {
    if (!ok) {
      this.fail(value);
      return;
    }
    if (this.settled) return;
    this.results![index] = value;
    this.done![index] = 1;
    const remaining = --this.remaining;
    this.ctx!.report({ completed: this.total - remaining, total: this.total });
    if (remaining !== 0 || this.settled) return;
    const results = this.results!;
    const resolve = this.resolve!;
    this.release();
    resolve(results);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    const reject = this.reject!;
    this.cancelPending();
    this.release();
    reject(error);
  }

  /** The combined operation was canceled (it already is `canceled`): cancel every input, let the body end. */
  private canceled(): void {
    if (this.settled) return;
    const resolve = this.resolve!;
    this.cancelPending();
    this.release();
    resolve([]);
  }

  private cancelPending(): void {
    this.settled = true;
    const inputs = this.inputs!;
    const done = this.done!;
    for (let i = 0; i < inputs.length; i++) if (done[i] === 0) cancelInput(inputs[i]);
  }

  private release(): void {
    this.settled = true;
    this.inputs = this.kinds = this.results = this.done = null;
    this.ctx = null;
    this.resolve = this.reject = null;
    const registration = this.cancelRegistration;
    this.cancelRegistration = undefined;
    registration?.[disposeSymbol]();
  }
}
