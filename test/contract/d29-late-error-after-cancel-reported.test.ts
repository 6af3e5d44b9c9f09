// Case 29 (DESIGN 2.8, 2.2 #3, 2.7): a body that fails with another error after cancel() leaves the op canceled; the late error goes to the unobserved-error report.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy, rejection as rejectionOf } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("stays canceled and reports the E_INVALIDARG the body throws afterwards", async () => {
    const unobserved = captureUnobserved();
    const late = new AsyncError("bad argument", { hresult: HResult.E_INVALIDARG });
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw late;
    });
    const rec = recorder();
    op.completed = rec.handler;
    const awaited = rejectionOf(op);

    op.cancel();
    g.open();
    await waitFor(() => unobserved.length > 0);
    await microtasks();

    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(thrownBy(() => op.getResults())).toBeInstanceOf(IllegalMethodCallError);
    expect(await awaited).toBeInstanceOf(CanceledError);

    expect(unobserved).toHaveLength(1);
    expect(unobserved[0]!.error).toBe(late);
    expect(unobserved[0]!.operation).toBe(op);

    await settle();
    expect(unobserved).toHaveLength(1);
    expect(rec.calls).toHaveLength(1);
  });
});
