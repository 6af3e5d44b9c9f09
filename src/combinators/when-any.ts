import { AsyncOperation } from "../operations/async-operation.js";
import type { AsyncContext, Disposable } from "../types.js";
import { describe } from "../describe.js";
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
import { decideOutcome } from "../core/body-context.js";
import type { Outcome } from "../core/outcome.js";
import { AsyncStatus } from "../status.js";
import { readRunOptions } from "../options.js";

/** Options of `whenAny`. */
export interface WhenAnyOptions extends CombinatorOptions {
  /**
   * `true` (the default): once an input wins, every other input is canceled, and canceling the combined
   * operation cancels every input. `false`: `whenAny` never cancels an input; the others keep running.
   */
  readonly cancelLosers?: boolean | undefined;
}

/**
 * Ends as the first input *in time* to finish ends: `completed` with its result, `error` with its error, or
 * `canceled` when it was canceled. Inputs may be operations of this library, foreign WinRT-shaped objects
 * (through the same path as `toPromise`) and plain promise-likes, from any iterable; the result type is the
 * union of the inputs' results.
 *
 * Guarantees:
 * - Unless `options.cancelLosers === false`, every input but the winner is canceled (its `cancel()` is called,
 *   when it has one) before anybody learns the outcome, and canceling the combined operation (or aborting
 *   `options.signal`) cancels every input. An already-aborted signal gives an operation that starts `canceled`.
 * - Later outcomes of the losers (errors included) are absorbed: never an unhandled rejection.
 * - Once it settles, the combined operation holds no reference to the inputs, and leaves no listener on
 *   `options.signal`.
 *
 * Throws synchronously, before touching any input: `TypeError` for a non-iterable, an element that is neither
 * an async operation nor a promise-like, or malformed options; `RangeError` for an empty iterable (it could
 * never finish). What `toPromise` refuses (a closed operation, a foreign object whose `completed` was taken)
 * makes that input fail, and so wins if it is first.
 */
export function whenAny<T extends AsyncInput>(inputs: Iterable<T>, options?: WhenAnyOptions): AsyncOperation<ResultOf<T>>;
export function whenAny(inputs: Iterable<unknown>, options?: WhenAnyOptions): AsyncOperation<unknown> {
  const runOptions = readRunOptions(options, "whenAny");
  const cancelLosers = options?.cancelLosers;
  if (cancelLosers !== undefined && typeof cancelLosers !== "boolean") {
    throw new TypeError(`whenAny options.cancelLosers must be a boolean, got ${describe(cancelLosers)}`);
  }
  const list = collect(inputs, "whenAny");
  const count = list.length;
  if (count === 0) throw new RangeError("whenAny expects at least one input, got an empty iterable");
  const checked = classifyAll(list, "whenAny");
  const owns = cancelLosers !== false;
  let bodyRan = false;
  const op = AsyncOperation.run<unknown>(
    (ctx) => {
      bodyRan = true;
      // The outcome is decided through `decideOutcome`; the body's own promise only says the body is over.
      return new Promise<unknown>((resolve) => {
        new WhenAny(list, owns, ctx, resolve).start(checked);
      });
    },
    runOptions,
  );
  // An already-aborted signal: the body never ran and the combined operation is canceled.
  if (!bodyRan) abandon(checked, owns);
  return op;
}

/** The state of one running `whenAny`; every reference is dropped when it settles. */
class WhenAny {
  private inputs: unknown[] | null;
  private readonly owns: boolean;
  /** Ends the body (its outcome was decided already). */
  private end: ((value: unknown) => void) | null;
  private ctx: AsyncContext | null;
  private giveUp: GiveUp | undefined = undefined;
  private cancelRegistration: Disposable | undefined = undefined;
  private settled = false;

  constructor(inputs: unknown[], owns: boolean, ctx: AsyncContext, end: (value: unknown) => void) {
    this.inputs = inputs;
    this.owns = owns;
    this.ctx = ctx;
    this.end = end;
  }

  start(inputs: Inputs): void {
    // Canceling the combined operation (it already is `canceled`) lets the body end, canceling the inputs it owns.
    this.cancelRegistration = this.ctx!.onCancel(() => this.finish(-1, AsyncStatus.canceled, undefined));
    // Every input is subscribed even if the operation settles meanwhile, so no late rejection goes unhandled.
    this.giveUp = subscribeAll(inputs, (outcome, value, index) => this.finish(index, outcome, value));
  }

  /**
   * Input `winner` finished (or, with -1, the combined operation was canceled). The outcome is decided first, then
   * the losers are canceled: a loser's `cancel()` that re-enters (cancels the combined operation) changes nothing.
   */
  private finish(winner: number, outcome: Outcome, value: unknown): boolean {
    if (this.settled) return true;
    this.settled = true;
    const inputs = this.inputs!;
    const ctx = this.ctx!;
    const end = this.end!;
    // Nobody sees what the inputs still deliver after a cancellation, nor what losers left running deliver
    // (`cancelLosers: false`): a failure among it goes to the unobserved-error report (DESIGN 2.7). Losers this
    // combinator cancels are told so; a failure of theirs after that is reported as a late one by the core.
    this.release(winner >= 0 && this.owns);
    if (winner >= 0) decideOutcome(ctx, outcome, value);
    if (this.owns) for (let i = 0; i < inputs.length; i++) if (i !== winner) cancelInput(inputs[i]);
    end(undefined);
    return true;
  }

  private release(lateTaken: boolean): void {
    this.giveUp?.(lateTaken);
    this.giveUp = undefined;
    this.inputs = null;
    this.ctx = null;
    this.end = null;
    const registration = this.cancelRegistration;
    this.cancelRegistration = undefined;
    registration?.[disposeSymbol]();
  }
}
