// Case 48 (DESIGN 2.8, 2.3 #5): canceling an op whose body awaits an inner op without handing it ctx.signal leaves the inner running; the outer is canceled at once and its handler and awaiters are told right after cancel(), before the inner finishes.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("leaves the inner op started and notifies the outer's consumers first", async () => {
    const unobserved = captureUnobserved();
    const log: string[] = [];
    const innerGate = gate();
    let inner!: AnyOp;
    const outer = kind.run(async () => {
      try {
        inner = kind.run(async () => {
          await innerGate.promise;
          return 7;
        });
        await inner;
        return 123;
      } finally {
        log.push("outer-unwound");
      }
    });
    const rec = recorder(log, "outer-completed");
    outer.completed = rec.handler;
    let reason: unknown;
    outer.then(undefined, (error: unknown) => {
      reason = error;
      log.push("outer-awaiter");
    });

    outer.cancel();
    log.push("after-cancel");
    expect(outer.status).toBe(AsyncStatus.canceled);
    expect(inner.status).toBe(AsyncStatus.started);

    await microtasks();
    await settle();
    expect(log[0]).toBe("after-cancel");
    expect([...log].sort()).toEqual(["after-cancel", "outer-awaiter", `outer-completed:${AsyncStatus.canceled}`].sort());
    expect(reason).toBeInstanceOf(CanceledError);
    expect(inner.status).toBe(AsyncStatus.started);

    innerGate.open();
    await waitFor(() => log.includes("outer-unwound"));
    await settle();
    expect(inner.status).toBe(AsyncStatus.completed);
    expect(inner.getResults()).toBe(kind.expected(7));
    expect(outer.status).toBe(AsyncStatus.canceled);
    expect(rec.calls).toHaveLength(1);
    expect(log.at(-1)).toBe("outer-unwound");
    expect(unobserved).toEqual([]);
  });
});
