// Helpers for the cancellation contract tests (sections D and E): tracking a promise, polling without sleeps,
// and a foreign WinRT-shaped object whose cancel() can be made to throw.
import { AsyncStatus, type IAsyncOperation } from "../../src/index.js";
import { settle } from "./fixtures.js";

/** Tracks whether `promise` has settled yet, without handling its outcome for the caller. */
export function track(promise: Promise<unknown>): { readonly settled: boolean; readonly rejected: boolean } {
  const state = { settled: false, rejected: false };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
      state.rejected = true;
    },
  );
  return state;
}

/** Lets microtasks and zero-delay timers run until `predicate` holds (gives up after 100 rounds). */
export async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await settle();
}

/** A foreign (native-binding-made) operation: a plain WinRT-shaped object with no `then`. */
export interface ForeignOperation extends IAsyncOperation<number> {
  /** How many times `cancel()` was called. */
  readonly cancelCalls: number;
  /** Ends the object with `status` and calls its `completed` handler, as a native object would. */
  finish(status: AsyncStatus, value?: number): void;
}

/**
 * Makes a foreign operation in `started`. `onCancel` is what its `cancel()` does (default: nothing, as an object
 * whose work cannot be stopped at once); it may throw.
 */
export function foreignOperation(onCancel: () => void = () => undefined): ForeignOperation {
  let status: AsyncStatus = AsyncStatus.started;
  let result: number | undefined;
  let cancelCalls = 0;
  const op: ForeignOperation = {
    id: 4242,
    get status() {
      return status;
    },
    get errorCode() {
      return null;
    },
    completed: null,
    getResults() {
      if (status !== AsyncStatus.completed) throw new Error("not completed");
      return result!;
    },
    cancel() {
      cancelCalls++;
      onCancel();
    },
    close() {
      /* nothing to release */
    },
    get cancelCalls() {
      return cancelCalls;
    },
    finish(next, value) {
      status = next;
      result = value;
      op.completed?.(op, next);
    },
  };
  return op;
}
