// Case 33 (DESIGN 2.4 #11): errorCode of a canceled op is null, both right after cancel() and after the body unwound, however it unwinds.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

const unwinds: ReadonlyArray<{ how: string; end: (ctx: { throwIfCanceled(): void }) => number }> = [
  {
    how: "throws its cancellation",
    end: (ctx) => {
      ctx.throwIfCanceled();
      return 0;
    },
  },
  { how: "returns normally", end: () => 123 },
  {
    how: "throws another error",
    end: () => {
      throw new AsyncError("late", { hresult: HResult.E_INVALIDARG });
    },
  },
];

describe.each(kinds)("$name", (kind) => {
  it.each(unwinds)("is null right after cancel() and after the body $how", async ({ end }) => {
    captureUnobserved();
    let unwound = false;
    const g = gate();
    const op = kind.run(async (ctx) => {
      try {
        await g.promise;
        return end(ctx);
      } finally {
        unwound = true;
      }
    });

    op.cancel();
    expect(op.errorCode).toBeNull();
    g.open();
    await waitFor(() => unwound);
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
  });

  it("is null for a canceled op made ready (canceled()) and one canceled by a linked signal", () => {
    expect(kind.canceled().errorCode).toBeNull();
    const controller = new AbortController();
    const op = kind.run(() => new Promise(() => undefined), { signal: controller.signal });
    controller.abort(new Error("reason"));
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
  });
});
