// Case 30 (DESIGN 2.2 #4): a body that throws a cancellation error (CanceledError, a DOMException AbortError, an error named "Canceled") ends canceled, not error, without any cancel() call.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy, rejection as rejectionOf } from "../helpers/caught.js";

const cancellations: ReadonlyArray<{ what: string; make: () => Error }> = [
  { what: "a CanceledError", make: () => new CanceledError() },
  { what: "a DOMException AbortError", make: () => new DOMException("aborted", "AbortError") },
  { what: 'an error named "Canceled" (WinJS)', make: () => Object.assign(new Error("Canceled"), { name: "Canceled" }) },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(cancellations)("thrown value: $what", ({ make }) => {
    it("ends canceled when the body throws it after suspending", async () => {
      const unobserved = captureUnobserved();
      const thrown = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw thrown;
      });
      const rec = recorder();
      op.completed = rec.handler;

      g.open();
      await waitFor(() => op.status !== AsyncStatus.started);
      await microtasks();

      expect(op.status).toBe(AsyncStatus.canceled);
      expect(op.errorCode).toBeNull();
      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.sender).toBe(op);
      expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
      expect(thrownBy(() => op.getResults())).toBeInstanceOf(IllegalMethodCallError);
      const reason = await rejectionOf(op);
      expect(reason).toBeInstanceOf(CanceledError);
      expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
      if (thrown instanceof CanceledError) expect(reason).toBe(thrown);
      await settle();
      expect(unobserved).toEqual([]);
    });

    it("ends canceled when the body throws it synchronously, before run returns", async () => {
      const unobserved = captureUnobserved();
      const thrown = make();
      const op = kind.run(() => {
        throw thrown;
      });

      expect(op.status).toBe(AsyncStatus.canceled);
      expect(op.errorCode).toBeNull();
      const rec = recorder();
      op.completed = rec.handler;
      await microtasks();
      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
      const reason = await rejectionOf(op);
      expect(reason).toBeInstanceOf(CanceledError);
      await settle();
      expect(unobserved).toEqual([]);
    });

    it("ends canceled when a wrapped promise rejects with it (fromPromise)", async () => {
      const thrown = make();
      const op = kind.fromPromise(Promise.reject(thrown));
      await waitFor(() => op.status !== AsyncStatus.started);
      expect(op.status).toBe(AsyncStatus.canceled);
      expect(op.errorCode).toBeNull();
      expect(await rejectionOf(op)).toBeInstanceOf(CanceledError);
    });
  });
});
