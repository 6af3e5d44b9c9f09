// Cancellation forwarding as a work list (DESIGN 4.3 item 5): canceling one operation often cancels others (the
// operations linked to its `ctx.signal`, what its `onCancel` callbacks cancel, the inputs of a combinator, the
// operation a coroutine waits on). Done by recursion, a chain of about 1,100 such links overflows the stack
// inside `cancel()`. Here every forwarded step joins one queue that a single loop, the outermost one on the
// stack, works through: the stack stays flat however long the chain, and the outermost `cancel()` still
// returns only once every step it caused has run.
import { reportListenerError } from "../report.js";

/** Anything with a `cancel()` method: one of our operations, a foreign WinRT object, a cancelable wrapper. */
export interface Cancelable {
  cancel(): void;
}

/** One step of the work list: a function called with a receiver and one argument (no closure per step). */
export type CancelStep<R, A> = (this: R, arg: A) => void;

// Flat triples (step, receiver, argument). `head` is the next triple to run; the array is emptied when the
// outermost loop ends, so it never holds on to anything between cancellations.
let queue: unknown[] = [];
let head = 0;
let draining = false;

/**
 * Runs `step.call(receiver, arg)` as part of a cancellation: at once when no cancellation is being forwarded,
 * and then keeps running every step queued meanwhile until none is left; or, when called from inside such a
 * step (anywhere up the stack), queues it for the loop already running, which runs it before the outermost
 * call returns. Steps run in the order they were queued (breadth first). A step should not throw; if one does,
 * its error is reported as a throwing listener's would be and the loop goes on (it is never left stuck).
 */
export function runCancelStep<R, A>(step: CancelStep<R, A>, receiver: R, arg: A): void {
  if (draining) {
    queue.push(step, receiver, arg);
    return;
  }
  draining = true;
  try {
    runStep(step as CancelStep<unknown, unknown>, receiver, arg);
    while (head < queue.length) {
      const index = head;
      head += 3;
      const next = queue[index] as CancelStep<unknown, unknown>;
      const nextReceiver = queue[index + 1];
      const nextArg = queue[index + 2];
      // Drop the references at once: a long chain must not stay reachable until the loop ends.
      queue[index] = queue[index + 1] = queue[index + 2] = undefined;
      runStep(next, nextReceiver, nextArg);
    }
  } finally {
    queue = [];
    head = 0;
    draining = false;
  }
}

/**
 * Forwards a cancellation to `target`: calls `target.cancel()` now if no cancellation is being forwarded, or
 * queues the call for the forwarding loop already running up the stack, which makes it before the outermost
 * `cancel()` returns. Either way the stack does not grow with the length of a chain: our operations queue their
 * own consequences (their `onCancel` callbacks, their `ctx.signal`'s abort, and through it the operations
 * linked to it) on the same list, so 100,000 operations canceling one another in a chain are all `canceled`
 * when the outermost call returns.
 *
 * What `target.cancel()` throws is ignored (a foreign object may throw once it is disconnected; the
 * cancellation is only a request). Never throws. For the coroutine producers: forward a canceled body's
 * cancellation into the operation it is waiting on with `forwardCancel(awaited)`.
 */
export function forwardCancel(target: Cancelable): void {
  runCancelStep(cancelQuietly, target, undefined);
}

function cancelQuietly(this: Cancelable): void {
  try {
    const cancel: unknown = (this as { cancel?: unknown }).cancel;
    if (typeof cancel === "function") (cancel as (this: Cancelable) => void).call(this);
  } catch {
    // A foreign cancel() may throw when its object is disconnected; the request was made, nothing else to do.
  }
}

function runStep(step: CancelStep<unknown, unknown>, receiver: unknown, arg: unknown): void {
  try {
    step.call(receiver, arg);
  } catch (error) {
    reportListenerError(error);
  }
}
