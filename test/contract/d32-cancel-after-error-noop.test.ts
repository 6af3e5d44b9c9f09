// Case 32: cancel() after the op failed does nothing: status stays error and errorCode is unchanged.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy, rejection as rejectionOf } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("keeps error status, errorCode and the rejection after cancel()", async () => {
    const failure = new AsyncError("bad argument", { hresult: HResult.E_INVALIDARG });
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw failure;
    });
    const rec = recorder();
    op.completed = rec.handler;
    g.open();
    await waitFor(() => rec.calls.length > 0);
    expect(op.status).toBe(AsyncStatus.error);

    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(failure);
    expect(thrownBy(() => op.getResults())).toBe(failure);
    expect(await rejectionOf(op)).toBe(failure);
    await settle();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.error);
  });

  it("keeps error status for an op made failed (fromError)", async () => {
    const failure = new AsyncError("bad argument", { hresult: HResult.E_INVALIDARG });
    const op = kind.fromError(failure);
    op.cancel();
    await microtasks();
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(failure);
    expect(await rejectionOf(op)).toBe(failure);
  });
});
