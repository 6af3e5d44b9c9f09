// Case 38: a body that polls its cancellation state after cancel() sees it (ctx.canceled true, ctx.signal aborted with a CanceledError) and reacts exactly once; the handler runs once with (op, canceled).
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it('logs "saw-cancel" exactly once and ends canceled', async () => {
    const log: string[] = [];
    const seen: { before?: boolean; after?: boolean; aborted?: boolean; reason?: unknown } = {};
    const g = gate();
    const op = kind.run(async (ctx) => {
      seen.before = ctx.canceled;
      await g.promise;
      seen.after = ctx.canceled;
      seen.aborted = ctx.signal.aborted;
      seen.reason = ctx.signal.reason;
      if (ctx.canceled) log.push("saw-cancel");
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (ctx.canceled) return 0;
      log.push("not-reached");
      return 123;
    });
    const rec = recorder(log);
    op.completed = rec.handler;

    op.cancel();
    g.open();
    await waitFor(() => log.includes("saw-cancel"));
    await settle();
    await microtasks();

    expect(seen.before).toBe(false);
    expect(seen.after).toBe(true);
    expect(seen.aborted).toBe(true);
    expect(seen.reason).toBeInstanceOf(CanceledError);
    expect((seen.reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(log.filter((entry) => entry === "saw-cancel")).toHaveLength(1);
    expect(log).not.toContain("not-reached");
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
