// DESIGN 2.4 #13 (with cases 19/23): an op that fails, or is canceled, while nobody awaits it raises no unhandledRejection; the failure goes to the unobserved-error report instead.
import { beforeEach, describe, expect, it } from "vitest";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle, watchUnhandledRejections } from "../helpers/fixtures.js";

let unhandled: unknown[] = [];
beforeEach(() => {
  unhandled = watchUnhandledRejections();
});

/** unhandledRejection is emitted after the microtask queue drains; give it a few macrotasks. */
async function letRejectionsSurface(): Promise<void> {
  for (let i = 0; i < 3; i++) await settle();
}

const failing: ReadonlyArray<{ label: string; start(kind: Kind, failure: unknown): { op: AnyOp; go(): void } }> = [
  {
    label: "a body that throws synchronously",
    start: (kind, failure) => ({
      op: kind.run(() => {
        throw failure;
      }),
      go: () => undefined,
    }),
  },
  {
    label: "a body that throws after an await",
    start(kind, failure) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw failure;
      });
      return { op, go: () => g.open() };
    },
  },
  {
    label: "fromError",
    start: (kind, failure) => ({ op: kind.fromError(failure), go: () => undefined }),
  },
  {
    label: "fromPromise of a promise that rejects",
    start(kind, failure) {
      const g = gate();
      const op = kind.fromPromise(g.promise.then(() => Promise.reject(failure)));
      return { op, go: () => g.open() };
    },
  },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(failing)("$label", (way) => {
    it("raises no unhandledRejection and reports the error as unobserved", async () => {
      const unobserved = captureUnobserved();
      const failure = new Error("nobody awaits this");
      const { op, go } = way.start(kind, failure);
      go();
      await letRejectionsSurface();
      expect(unhandled).toEqual([]);
      expect(unobserved.map((entry) => entry.error)).toEqual([failure]);
      expect(unobserved[0]!.operation).toBe(op);
    });
  });

  it("a canceled op that nobody awaits raises no unhandledRejection", async () => {
    const unobserved = captureUnobserved();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    op.cancel();
    g.open();
    kind.canceled();
    await letRejectionsSurface();
    expect(unhandled).toEqual([]);
    expect(unobserved).toEqual([]);
  });
});
