// Issue 8 item 3: after op[Symbol.dispose]() (cancel then close: what `using` does), the body still running sees
// the operation's cancellation: ctx.throwIfCanceled() throws the operation's CanceledError, ctx.signal (even
// first read after the close) carries that same error as its reason, and nothing is reported as unobserved.
import { describe, expect, it } from "vitest";
import { CanceledError, HResult, hresultOf } from "../../src/index.js";
import { kinds, type Body } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle, watchUnhandledRejections } from "../helpers/fixtures.js";

interface Seen {
  thrown?: unknown;
  reason?: unknown;
  aborted?: boolean;
  unwound: boolean;
}

/** A body that waits for the gate, then checks its cancellation the two ways a body does. */
function checkingBody(g: { promise: Promise<void> }, seen: Seen, readSignalFirst: boolean): Body {
  return async (ctx) => {
    if (readSignalFirst) void ctx.signal;
    try {
      await g.promise;
      seen.aborted = ctx.signal.aborted;
      seen.reason = ctx.signal.reason;
      try {
        ctx.throwIfCanceled();
      } catch (error) {
        seen.thrown = error;
        throw error;
      }
    } finally {
      seen.unwound = true;
    }
  };
}

describe.each(kinds)("$name", (kind) => {
  it.each([
    ["ctx.signal first read after the close", false],
    ["ctx.signal read before the dispose", true],
  ])("throwIfCanceled throws the operation's CanceledError after dispose (%s)", async (_label, readSignalFirst) => {
    const unobserved = captureUnobserved();
    const rejections = watchUnhandledRejections();
    const g = gate();
    const seen: Seen = { unwound: false };
    const op = kind.run(checkingBody(g, seen, readSignalFirst));
    op[Symbol.dispose]();
    g.open();
    for (let i = 0; i < 5 && !seen.unwound; i++) await settle();
    expect(seen.unwound).toBe(true);
    expect(seen.thrown).toBeInstanceOf(CanceledError);
    expect(hresultOf(seen.thrown)).toBe(HResult.ERROR_CANCELLED);
    expect(seen.aborted).toBe(true);
    expect(seen.reason).toBe(seen.thrown);
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("keeps the identity awaiters got: the CanceledError of `await op` before dispose is the one the body throws", async () => {
    const unobserved = captureUnobserved();
    const g = gate();
    const seen: Seen = { unwound: false };
    const op = kind.run(checkingBody(g, seen, false));
    const awaited = op.then(
      () => undefined,
      (error: unknown) => error,
    );
    op.cancel();
    const error = await awaited;
    op.close();
    g.open();
    for (let i = 0; i < 5 && !seen.unwound; i++) await settle();
    expect(error).toBeInstanceOf(CanceledError);
    expect(seen.thrown).toBe(error);
    expect(seen.reason).toBe(error);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("keeps a linked signal's reason as the cause after dispose", async () => {
    const unobserved = captureUnobserved();
    const controller = new AbortController();
    const reason = new Error("stop");
    const g = gate();
    const seen: Seen = { unwound: false };
    const op = kind.run(checkingBody(g, seen, false), { signal: controller.signal });
    controller.abort(reason);
    op[Symbol.dispose]();
    g.open();
    for (let i = 0; i < 5 && !seen.unwound; i++) await settle();
    expect(seen.thrown).toBeInstanceOf(CanceledError);
    expect((seen.thrown as CanceledError).cause).toBe(reason);
    expect(seen.reason).toBe(seen.thrown);
    await settle();
    expect(unobserved).toEqual([]);
  });
});
