// Issue 15 item 8 (DESIGN 4.7 #5): cancel unwinds children first. When a canceled coroutine was awaiting another
// coroutine (and propagated the cancellation to it), the inner one's `finally` blocks finish before the outer
// one's run, and the outer `[Symbol.asyncDispose]()` resolves only once both finished. 1,000 nested coroutines
// canceled at the top unwind innermost first; 100,000 do too, in a child process, without overflowing the stack.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, wait } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";
import { runScript } from "../helpers/run-script.js";

describe.each(kinds)("$name", (kind) => {
  it("1,000 nested coroutines canceled at the top run their finally blocks innermost first", async () => {
    const order: number[] = [];
    const leaf = AsyncOperation.run(() => new Promise<number>(() => undefined)) as unknown as AnyOp;
    let current: AnyOp = leaf;
    const ops: AnyOp[] = [];
    for (let depth = 1; depth <= 1_000; depth++) {
      const inner = current;
      current = kind.run(function* () {
        try {
          yield* wait(inner as never);
        } finally {
          order.push(depth);
        }
      } as never);
      ops.push(current);
    }
    current.cancel();
    expect(ops.every((op) => op.status === AsyncStatus.canceled)).toBe(true);
    await current[Symbol.asyncDispose]();
    expect(order).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
  });

  it("the outer asyncDispose resolves after the inner body (with a yield in its finally) finished", async () => {
    const log: string[] = [];
    const cleanup = gate();
    const inner = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        log.push("inner finally starts");
        yield cleanup.promise;
        log.push("inner finally ends");
      }
    } as never);
    const outer = kind.run(function* () {
      try {
        yield* wait(inner as never);
      } finally {
        log.push("outer finally");
      }
    } as never);
    outer.cancel();
    let disposed = false;
    const disposal = outer[Symbol.asyncDispose]().then(() => {
      disposed = true;
    });
    await settle();
    expect(log).toEqual(["inner finally starts"]);
    expect(disposed).toBe(false);
    cleanup.open();
    await disposal;
    expect(log).toEqual(["inner finally starts", "inner finally ends", "outer finally"]);
  });

  it("without propagation the outer one does not wait for the inner one, which keeps running", async () => {
    const log: string[] = [];
    const g = gate();
    const inner = kind.run(function* () {
      try {
        yield g.promise;
      } finally {
        log.push("inner finally");
      }
    } as never);
    const outer = kind.run(
      function* () {
        try {
          yield* wait(inner as never);
        } finally {
          log.push("outer finally");
        }
      } as never,
      { propagateCancellation: false } as never,
    );
    outer.cancel();
    await outer[Symbol.asyncDispose]();
    expect(log).toEqual(["outer finally"]);
    expect(inner.status).toBe(AsyncStatus.started);
    g.open();
    await settle();
    expect(log).toEqual(["outer finally", "inner finally"]);
  });
});

describe("a 100,000-deep chain of coroutines canceled at the top", () => {
  it("unwinds every link, innermost first, without overflowing the stack", () => {
    const result = runScript(
      `
      import { AsyncAction, AsyncActionWithProgress, AsyncOperation, AsyncOperationWithProgress, onUnobservedError, wait } from "winrt-async";
      const N = 100_000;
      const reported = [];
      onUnobservedError((error) => reported.push(String(error)));
      process.on("uncaughtException", (error) => { console.log(JSON.stringify({ uncaught: String(error) })); process.exit(3); });
      const kinds = [AsyncAction, AsyncActionWithProgress, AsyncOperation, AsyncOperationWithProgress];
      let current = AsyncOperation.run(() => new Promise(() => {}));
      let unwound = 0;
      let inOrder = true;
      for (let depth = 1; depth < N; depth++) {
        const inner = current;
        current = kinds[depth % 4].run(function* () {
          try {
            return yield* wait(inner);
          } finally {
            if (unwound + 1 !== depth) inOrder = false;
            unwound = depth;
          }
        });
      }
      current.cancel();
      await current[Symbol.asyncDispose]();
      console.log(JSON.stringify({ unwound, inOrder, reported: reported.length }));
    `,
      60_000,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ unwound: 99_999, inOrder: true, reported: 0 });
  }, 60_000);
});
