// The worker side of the demo's Workers section (demo/worker-section.mjs): CPU-bound tasks run by winrt-async/worker's WorkerPool.
import { expose } from "../dist/worker/index.js";

export const tasks = expose({
  /**
   * Counts the primes below `limit` by trial division, reporting progress (0..100) as it goes. Between chunks it
   * checks ctx.throwIfCanceled() (the thread is busy, so no message could reach it: this reads the shared cancel
   * flag) and yields to microtasks (`await null`), which lets the pool send the progress it reported. Its
   * `finally` writes how far it got into `notes` (an Int32Array over a SharedArrayBuffer the host reads), so the
   * host can say that the cleanup ran in the worker.
   */
  async primes({ limit, notes }, ctx) {
    let count = 0;
    let n = 2;
    try {
      for (; n < limit; n++) {
        if (n % 20_000 === 0) {
          ctx.throwIfCanceled();
          ctx.report(Math.floor((n * 100) / limit));
          await null;
        }
        let prime = true;
        for (let d = 2; d * d <= n; d++) {
          if (n % d === 0) {
            prime = false;
            break;
          }
        }
        if (prime) count++;
      }
      ctx.report(100);
      return count;
    } finally {
      Atomics.store(notes, 0, 1);
      Atomics.store(notes, 1, n);
    }
  },

  /** A CPU-bound loop that never looks at cancellation: only terminating its thread stops it. */
  async stubborn({ seconds, notes }, ctx) {
    const start = Date.now();
    let spins = 0;
    try {
      while (Date.now() - start < seconds * 1000) {
        spins++;
        if (spins % 1_000_000 === 0) {
          ctx.report(Math.floor(((Date.now() - start) * 100) / (seconds * 1000)));
          await null;
        }
      }
      return spins;
    } finally {
      Atomics.store(notes, 0, 1); // never runs: the thread is terminated first
    }
  },
});
