// Case 16: getResults() on a canceled op throws IllegalMethodCallError (DESIGN 2.4 #9), for every kind and every way of being canceled.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { gate, settle } from "../helpers/fixtures.js";

function expectIllegalMethodCall(op: AnyOp): void {
  const error = caught(() => op.getResults());
  expect(error).toBeInstanceOf(IllegalMethodCallError);
  expect((error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
}

const variants: ReadonlyArray<{ label: string; start(kind: Kind): Promise<{ op: AnyOp; later(): Promise<void> }> }> = [
  {
    label: "cancel() while started",
    async start(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        return 123;
      });
      op.cancel();
      return {
        op,
        later: async () => {
          g.open();
          await settle();
        },
      };
    },
  },
  {
    label: "the body throws a CanceledError",
    async start(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw new CanceledError();
      });
      g.open();
      await settle();
      return { op, later: settle };
    },
  },
  {
    label: "an aborted signal",
    async start(kind) {
      const controller = new AbortController();
      const g = gate();
      const op = kind.run(
        async () => {
          await g.promise;
          return 123;
        },
        { signal: controller.signal },
      );
      controller.abort();
      return {
        op,
        later: async () => {
          g.open();
          await settle();
        },
      };
    },
  },
  { label: "made by canceled()", start: async (kind) => ({ op: kind.canceled(), later: settle }) },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(variants)("$label", (variant) => {
    it("throws IllegalMethodCallError, before and after the body unwinds", async () => {
      const { op, later } = await variant.start(kind);
      expect(op.status).toBe(AsyncStatus.canceled);
      expectIllegalMethodCall(op);
      expectIllegalMethodCall(op);
      await later();
      expect(op.status).toBe(AsyncStatus.canceled);
      expectIllegalMethodCall(op);
    });
  });
});
