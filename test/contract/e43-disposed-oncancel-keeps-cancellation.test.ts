// Case 43: a cancellation callback disposed before cancel() does not run and does not stop cancellation: the op is still canceled, the body still sees it, the handler still runs once.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("cancels as usual after the only registration was disposed", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      try {
        const registration = ctx.onCancel(() => log.push("cb"));
        registration[Symbol.dispose]();
        registration[Symbol.dispose]();
        await g.promise;
        ctx.throwIfCanceled();
        log.push("after-second-suspension");
      } finally {
        log.push("unwound");
      }
    });
    const rec = recorder();
    op.completed = rec.handler;

    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.canceled);
    await microtasks();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);

    g.open();
    await waitFor(() => log.includes("unwound"));
    await settle();
    expect(log).toEqual(["unwound"]);
    expect(rec.calls).toHaveLength(1);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("still aborts ctx.signal when a registration was disposed", () => {
    let signal!: AbortSignal;
    const op = kind.run(async (ctx) => {
      signal = ctx.signal;
      ctx.onCancel(() => undefined)[Symbol.dispose]();
      await gate().promise;
    });
    op.cancel();
    expect(signal.aborted).toBe(true);
  });
});
