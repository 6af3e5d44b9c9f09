import { cancelQuietly } from "../interop/await-input.js";

// Cancellation forwarded from an operation to what it waits on must not recurse: a chain of 100,000 coroutines,
// each waiting on the next, would otherwise cancel 100,000 frames deep (DESIGN 4.3 item 5). The outermost
// forward drains a work list; a forward made while draining (by a cancel() it called) joins the list.
let pending: unknown[] | null = null;

/** Calls `target.cancel()` (errors ignored), iteratively when cancels nest. Returns before nested work only when nested. */
export function forwardCancel(target: unknown): void {
  if (pending !== null) {
    pending.push(target);
    return;
  }
  const list = (pending = [target]);
  try {
    for (let i = 0; i < list.length; i++) {
      const next = list[i];
      list[i] = undefined;
      cancelQuietly(next);
    }
  } finally {
    pending = null;
  }
}
