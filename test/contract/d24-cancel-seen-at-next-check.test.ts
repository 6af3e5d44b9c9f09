// Case 24: a body canceled while suspended sees the cancellation at its next check (ctx.canceled, throwIfCanceled, ctx.signal) and stops; the op is canceled and the handler runs once with (op, canceled).
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalMethodCallError, type AsyncContext } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy } from "../helpers/caught.js";

// Each way a JavaScript body reaches its "next suspension point" after an await; true means "stop here".
const checks: ReadonlyArray<{ via: string; check: (ctx: AsyncContext) => Promise<boolean> | boolean }> = [
  {
    via: "ctx.throwIfCanceled()",
    check: (ctx) => {
      ctx.throwIfCanceled();
      return false;
    },
  },
  { via: "ctx.canceled", check: (ctx) => ctx.canceled },
  {
    via: "ctx.signal handed to the next await",
    check: async (ctx) => {
      await sleep(0, undefined, { signal: ctx.signal });
      return false;
    },
  },
];

describe.each(kinds)("$name", (kind) => {
  it.each(checks)("the body stops at its next check via $via", async ({ check }) => {
    const unobserved = captureUnobserved();
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      try {
        await g.promise;
        log.push("resumed");
        if (await check(ctx)) return 0;
        log.push("after-second-await");
        return 123;
      } finally {
        log.push("unwound");
      }
    });
    const rec = recorder();
    op.completed = rec.handler;

    op.cancel();
    g.open();
    await waitFor(() => log.includes("unwound"));
    await microtasks();

    expect(log).toEqual(["resumed", "unwound"]);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    const error = thrownBy(() => op.getResults());
    expect(error).toBeInstanceOf(IllegalMethodCallError);
    expect((error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
    // Stopping on cancellation is not a failure: nothing reaches the unobserved-error report.
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
  });
});
