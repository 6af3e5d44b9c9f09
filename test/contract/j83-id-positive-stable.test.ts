// Case 83 (DESIGN 2.1 #2): id is a positive integer, identical on every read of the same op, across its state changes.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";

function expectPositiveInteger(id: number): void {
  expect(Number.isSafeInteger(id)).toBe(true);
  expect(id).toBeGreaterThanOrEqual(1);
}

describe.each(kinds)("$name", (kind) => {
  it("is a positive integer that does not change as the op completes", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const id = op.id;
    expectPositiveInteger(id);
    expect(op.id).toBe(id);
    g.open();
    await op;
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.id).toBe(id);
  });

  it("does not change on cancel()", () => {
    const op = kind.run(() => new Promise(() => undefined));
    const id = op.id;
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.id).toBe(id);
  });

  it("every producer gives a positive, stable id", async () => {
    captureUnobserved();
    const ops: AnyOp[] = [
      kind.run(() => 1),
      kind.fromResult(1),
      kind.fromError(new Error("x")),
      kind.canceled(),
      kind.fromPromise(Promise.resolve(1)),
    ];
    for (const op of ops) {
      expectPositiveInteger(op.id);
      expect(op.id).toBe(op.id);
    }
    // Let the unobserved report of the fromError op arrive while it is captured.
    await settle();
  });
});
