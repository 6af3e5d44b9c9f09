// DESIGN 4.3 item 5: cancellation forwarding is iterative. A chain of 100,000 coroutines, each waiting at a
// yield on the next (the four kinds in turn), cancels completely from the top: every link canceled inside the one
// cancel() call, every body unwound, no stack overflow and nothing reported. Run in a child process, so that a
// regression fails this test instead of killing the runner.
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("a 100,000-deep chain of coroutines", () => {
  it("cancels completely from the top without growing the stack", () => {
    const result = runScript(
      `
      import { AsyncAction, AsyncActionWithProgress, AsyncOperation, AsyncOperationWithProgress, AsyncStatus, onUnobservedError, wait } from "winrt-async";
      const N = 100_000;
      const reported = [];
      onUnobservedError((error) => reported.push(String(error)));
      process.on("uncaughtException", (error) => { console.log(JSON.stringify({ uncaught: String(error) })); process.exit(3); });
      const kinds = [AsyncAction, AsyncActionWithProgress, AsyncOperation, AsyncOperationWithProgress];
      let unwound = 0;
      const leaf = AsyncOperation.run(() => new Promise(() => {}));
      const ops = [leaf];
      let current = leaf;
      for (let i = 1; i < N; i++) {
        const inner = current;
        current = kinds[i % 4].run(function* () {
          try {
            return yield* wait(inner);
          } finally {
            unwound++;
          }
        });
        ops.push(current);
      }
      const startedBefore = ops.filter((op) => op.status === AsyncStatus.started).length;
      current.cancel();
      const startedAfter = ops.filter((op) => op.status === AsyncStatus.started).length;
      const canceledAfter = ops.filter((op) => op.status === AsyncStatus.canceled).length;
      for (let i = 0; i < 50 && unwound < N - 1; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      console.log(JSON.stringify({ startedBefore, startedAfter, canceledAfter, unwound, reported: reported.length }));
    `,
      60_000,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({
      startedBefore: 100_000,
      startedAfter: 0,
      canceledAfter: 100_000,
      unwound: 99_999,
      reported: 0,
    });
  }, 60_000);
});
