/** What the queue delivers to: an operation whose `completed` handler is due. */
export interface CompletionTarget {
  _deliverCompletion(): void;
}

// One queue and one microtask for all operations that became due in the same turn: no closure per
// operation, and handlers run in the order their operations ended.
let queue: CompletionTarget[] = [];
let scheduled = false;
// A reaction on a settled promise rather than `queueMicrotask`: the same microtask queue and order, but Node's
// `queueMicrotask` makes an async resource and a bound function per call, which a coroutine (one delivery per
// awaited operation, each in a turn of its own) paid on every step (bench/coroutine.bench.mjs). `flush` never
// throws: every handler and subscriber it calls is guarded.
const resolved = Promise.resolve();

/** Calls `target._deliverCompletion()` on a microtask, never inside the caller. */
export function enqueueCompletion(target: CompletionTarget): void {
  queue.push(target);
  if (!scheduled) {
    scheduled = true;
    void resolved.then(flush);
  }
}

function flush(): void {
  // Handlers may end further operations; those join a fresh queue and get a microtask of their own.
  const batch = queue;
  queue = [];
  scheduled = false;
  for (const target of batch) target._deliverCompletion();
}
