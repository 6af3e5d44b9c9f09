// The worker side of the web demo (demo/web-demo.mjs): a CPU-bound task run by winrt-async/worker's WorkerPool,
// started, watched and canceled from a browser page through winrt-async/http.
import { expose } from "../dist/worker/index.js";

export const tasks = expose({
  /**
   * Keeps a thread busy for `seconds`, reporting progress (0..100). The loop never waits for a message: it reads
   * `ctx.canceled`, the shared cancel flag, so a cancel from the page stops it within one pass of the loop. Its
   * `finally` prints one JSON line (a worker's console goes to the server's stdout) saying how far it got.
   */
  async crunch({ seconds, label }, ctx) {
    const total = Math.max(0.1, Math.min(Number(seconds) || 5, 600)) * 1000;
    const start = Date.now();
    let percent = 0;
    let canceled = false;
    try {
      ctx.report(0);
      await null; // lets the pool send the first progress at once
      for (let spins = 0; ; spins++) {
        if (ctx.canceled) {
          canceled = true;
          ctx.throwIfCanceled();
        }
        const elapsed = Date.now() - start;
        if (elapsed >= total) break;
        const now = Math.floor((elapsed * 100) / total);
        if (now !== percent) {
          percent = now;
          ctx.report(percent);
          await null; // a microtask: the pool's batch of records goes out, the thread stays busy
        }
      }
      ctx.report(100);
      return { label, spunForMs: Date.now() - start };
    } finally {
      console.log(JSON.stringify({ event: "stopped", label, percent, canceled }));
    }
  },
});
