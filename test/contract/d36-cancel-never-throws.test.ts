// Case 36 (DESIGN 2.6 #15): cancel() returns normally in every state: started, completed, error, canceled and closed, and when an onCancel callback throws.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureListenerErrors, captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

const states: ReadonlyArray<{ state: string; make: (kind: Kind) => Promise<{ op: AnyOp }> | { op: AnyOp }; status: AsyncStatus }> = [
  { state: "started", make: (kind) => ({ op: kind.run(() => gate().promise) }), status: AsyncStatus.canceled },
  { state: "completed", make: (kind) => ({ op: kind.run(() => 123) }), status: AsyncStatus.completed },
  {
    state: "error",
    make: (kind) => ({
      op: kind.run(() => {
        throw new Error("boom");
      }),
    }),
    status: AsyncStatus.error,
  },
  {
    state: "canceled",
    make: (kind) => {
      const op = kind.run(() => gate().promise);
      op.cancel();
      return { op };
    },
    status: AsyncStatus.canceled,
  },
  {
    state: "completed after suspending",
    make: async (kind) => {
      const op = kind.run(async () => {
        await Promise.resolve();
        return 123;
      });
      await waitFor(() => op.status !== AsyncStatus.started);
      return { op };
    },
    status: AsyncStatus.completed,
  },
];

describe.each(kinds)("$name", (kind) => {
  it.each(states)("does not throw in $state", async ({ make, status }) => {
    captureUnobserved();
    const { op } = await make(kind);
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(status);
    expect(() => op.cancel()).not.toThrow();
  });

  it.each(states.filter(({ state }) => state !== "started"))("does not throw in $state, then closed", async ({ make }) => {
    captureUnobserved();
    const { op } = await make(kind);
    op.close();
    expect(() => op.cancel()).not.toThrow();
    expect(() => op.cancel()).not.toThrow();
  });

  it("does not throw when an onCancel callback throws; the error is reported, not thrown", async () => {
    const reported = captureListenerErrors();
    const problem = new Error("callback failed");
    const op = kind.run(async (ctx) => {
      ctx.onCancel(() => {
        throw problem;
      });
      await gate().promise;
    });
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(reported).toEqual([problem]);
  });
});
