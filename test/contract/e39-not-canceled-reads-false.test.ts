// Case 39: without cancel(), the body's cancellation state reads "not canceled" (ctx.canceled false, throwIfCanceled passes, signal not aborted) and the op completes.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type Body } from "../helpers/kinds.js";
import { recorder, microtasks } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

function assertNotCanceled(ctx: Parameters<Body>[0]): void {
  if (ctx.canceled) throw new Error("canceled read true");
  ctx.throwIfCanceled();
  if (ctx.signal.aborted) throw new Error("signal aborted");
}

describe.each(kinds)("$name", (kind) => {
  it("reads not canceled in a body that completes without suspending", () => {
    const op = kind.run((ctx) => {
      assertNotCanceled(ctx);
      return 123;
    });
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
  });

  it("reads not canceled before and after an await, then completes", async () => {
    const op = kind.run(async (ctx) => {
      assertNotCanceled(ctx);
      await Promise.resolve();
      assertNotCanceled(ctx);
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;
    await waitFor(() => rec.calls.length > 0);
    await microtasks();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
  });
});
