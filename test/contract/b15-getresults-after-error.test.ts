// Case 15: getResults() after error rethrows the original error (same object, code and message) on every call.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const variants: ReadonlyArray<{ label: string; start(kind: Kind, error: unknown): Promise<{ op: AnyOp }> }> = [
  // Ops are thenables, so they travel wrapped: a promise resolved with an op would adopt its outcome.
  {
    label: "fails after suspending",
    async start(kind, error) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw error;
      });
      g.open();
      await op.then(undefined, () => undefined);
      return { op };
    },
  },
  {
    label: "throws synchronously",
    start: (kind, error) =>
      Promise.resolve({
        op: kind.run(() => {
          throw error;
        }),
      }),
  },
  { label: "made by fromError", start: (kind, error) => Promise.resolve({ op: kind.fromError(error) }) },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(variants)("$label", (variant) => {
    it("rethrows the original error with its code and message, every time", async () => {
      const original = new AsyncError("Async", { hresult: HResult.E_INVALIDARG });
      const { op } = await variant.start(kind, original);
      expect(op.status).toBe(AsyncStatus.error);
      const first = caught(() => op.getResults());
      const second = caught(() => op.getResults());
      expect(first).toBe(original);
      expect(second).toBe(original);
      expect(first).toBeInstanceOf(AsyncError);
      expect(hresultOf(first)).toBe(HResult.E_INVALIDARG);
      expect((first as AsyncError).message).toBe("Async");
      expect(op.status).toBe(AsyncStatus.error);
    });
  });
});
