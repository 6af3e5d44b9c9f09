// Case 18: a body that fails after suspending ends in error: handler (op, error) once, errorCode and getResults give the error, await rejects with it.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

const ways = [
  { label: "throws after an await", fails: "throw" as const },
  { label: "returns a promise that rejects", fails: "reject" as const },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(ways)("$label", ({ fails }) => {
    it("ends in error with the same error everywhere", async () => {
      const failure = new AsyncError("Async", { hresult: HResult.E_INVALIDARG });
      const g = gate();
      const op = kind.run(
        fails === "throw"
          ? async () => {
              await g.promise;
              throw failure;
            }
          : () => g.promise.then(() => Promise.reject(failure)),
      );
      const rec = recorder();
      op.completed = rec.handler;
      expect(op.status).toBe(AsyncStatus.started);

      g.open();
      const reason = await rejection(op);
      await microtasks();

      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.sender).toBe(op);
      expect(rec.calls[0]!.status).toBe(AsyncStatus.error);
      expect(op.status).toBe(AsyncStatus.error);

      expect(op.errorCode).toBe(failure);
      expect(hresultOf(op.errorCode)).toBe(HResult.E_INVALIDARG);
      expect(op.errorCode!.message).toBe("Async");

      const thrown = caught(() => op.getResults());
      expect(thrown).toBe(failure);

      expect(reason).toBe(failure);
      expect(hresultOf(reason)).toBe(HResult.E_INVALIDARG);
      expect((reason as Error).message).toBe("Async");
    });
  });
});
