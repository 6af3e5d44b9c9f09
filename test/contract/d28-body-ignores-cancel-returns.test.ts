// Case 28 (DESIGN 2.2 #3): a body that ignores cancel() and returns normally leaves the op canceled; the handler sees (op, canceled) once and the late value is not a result.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy, rejection as rejectionOf } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("stays canceled when the body returns 123 after cancel()", async () => {
    const unobserved = captureUnobserved();
    let returned = false;
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      returned = true;
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;

    op.cancel();
    g.open();
    await waitFor(() => returned);
    await settle();

    expect(op.status).toBe(AsyncStatus.canceled);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    const error = thrownBy(() => op.getResults());
    expect(error).toBeInstanceOf(IllegalMethodCallError);
    expect((error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
    const reason = await rejectionOf(op);
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(unobserved).toEqual([]);
  });
});
