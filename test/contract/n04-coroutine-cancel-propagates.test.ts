// DESIGN 4.3 item 3: cancel() while the body waits at a yield: the status is canceled at once, the signal aborts
// and onCancel callbacks run as for any body, and the awaited value is canceled synchronously inside cancel()
// (our operation, a foreign WinRT-shaped object, a projection's wrapper); a plain promise is abandoned and its
// late outcome absorbed. { propagateCancellation: false } leaves the awaited value running.
import { describe, expect, it } from "vitest";
import { AsyncStatus, wait } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle, watchUnhandledRejections } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { bridges } from "../helpers/wrappers.js";

describe.each(kinds)("$name", (kind) => {
  it("cancels the awaited operation of ours inside cancel(); status, signal and onCancel as for any body", async () => {
    const unobserved = captureUnobserved();
    const inner = kind.run(async () => new Promise<number>(() => undefined));
    const log: string[] = [];
    const op = kind.run(function* (ctx) {
      ctx.signal.addEventListener("abort", () => log.push("abort"));
      ctx.onCancel(() => log.push(`onCancel, inner ${inner.status}`));
      yield* wait(inner as never);
    });
    op.cancel();
    log.push("cancel returned");
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(inner.status).toBe(AsyncStatus.canceled);
    expect(log).toEqual([`onCancel, inner ${AsyncStatus.started}`, "abort", "cancel returned"]);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("cancels an awaited foreign WinRT-shaped object inside cancel()", () => {
    const source = foreign();
    const op = kind.run(function* () {
      yield source.op;
    });
    op.cancel();
    expect(source.counts.cancel).toBe(1);
    expect(source.op.status).toBe(AsyncStatus.canceled);
  });

  it.each(bridges)("cancels an awaited wrapper inside cancel(): $name", (bridge) => {
    const { wrapper, source } = bridge.make();
    const op = kind.run(function* () {
      yield wrapper;
    });
    op.cancel();
    expect(source.counts.cancel).toBe(1);
    expect(source.op.status).toBe(AsyncStatus.canceled);
  });

  it("survives an awaited foreign object whose cancel() throws", async () => {
    const op = kind.run(function* () {
      yield {
        then() {
          /* never settles */
        },
        cancel() {
          throw new Error("disconnected");
        },
      };
    });
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.canceled);
    await settle();
  });

  it("abandons a plain promise and absorbs its late rejection", async () => {
    const unhandled = watchUnhandledRejections();
    const unobserved = captureUnobserved();
    const g = gate();
    const op = kind.run(function* () {
      yield g.promise;
    });
    const seen: unknown[] = [];
    op.completed = (_op, status) => seen.push(status);
    op.cancel();
    g.fail(new Error("late"));
    await settle();
    await settle();
    expect(seen).toEqual([AsyncStatus.canceled]);
    expect(unhandled).toEqual([]);
    expect(unobserved).toEqual([]);
  });

  it("does not cancel the awaited value with propagateCancellation: false; the body still unwinds at once", async () => {
    const source = foreign();
    let unwound = false;
    const op = kind.run(
      function* () {
        try {
          yield source.op;
        } finally {
          unwound = true;
        }
      },
      { propagateCancellation: false },
    );
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(source.counts.cancel).toBe(0);
    await settle();
    expect(unwound).toBe(true);
    source.finish(AsyncStatus.completed, 1);
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("cancels what a yield* wait delegates to through nested generators", () => {
    const inner = kind.run(async () => new Promise<number>(() => undefined));
    function* helper(): Generator<unknown, unknown, unknown> {
      return yield* wait(inner as never);
    }
    const op: AnyOp = kind.run(function* () {
      yield* helper();
    });
    op.cancel();
    expect(inner.status).toBe(AsyncStatus.canceled);
  });
});
