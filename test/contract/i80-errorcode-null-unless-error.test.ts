// Case 80 (DESIGN 2.4 #11): errorCode is null in started and completed (and canceled); only error has one.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("null while started, and after completing", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.errorCode).toBeNull();
    expect(op.errorCode).toBeNull();
    g.open();
    await op;
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
  });

  it("null after a synchronous completion and for fromResult", () => {
    expect(kind.run(() => 123).errorCode).toBeNull();
    expect(kind.fromResult(123).errorCode).toBeNull();
  });

  it("null after cancel(), also when the body fails with a cancellation error", async () => {
    const g = gate();
    const op = kind.run(async (ctx) => {
      await g.promise;
      ctx.throwIfCanceled();
      return 123;
    });
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    g.open();
    await settle();
    expect(op.errorCode).toBeNull();
    expect(kind.canceled().errorCode).toBeNull();
  });

  it("not null in error", () => {
    const failure = new Error("failed");
    expect(kind.fromError(failure).errorCode).toBe(failure);
  });
});
