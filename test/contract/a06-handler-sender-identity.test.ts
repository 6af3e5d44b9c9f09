// Case 6: the completed handler receives the operation itself as sender, whether assigned before or after completion.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("assigned before completion: sender is the op", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;
    g.open();
    await op;
    await microtasks();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
  });

  it("assigned after completion: sender is the op", async () => {
    const op = kind.run(() => 123);
    expect(op.status).toBe(AsyncStatus.completed);
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
  });

  it("each of two ops completing in the same turn gets its own sender", async () => {
    const g = gate();
    const body = async (): Promise<number> => {
      await g.promise;
      return 1;
    };
    const op1 = kind.run(body);
    const op2 = kind.run(body);
    const rec1 = recorder();
    const rec2 = recorder();
    op1.completed = rec1.handler;
    op2.completed = rec2.handler;
    g.open();
    await Promise.all([op1, op2]);
    await microtasks();
    expect(rec1.calls).toHaveLength(1);
    expect(rec2.calls).toHaveLength(1);
    expect(rec1.calls[0]!.sender).toBe(op1);
    expect(rec2.calls[0]!.sender).toBe(op2);
  });
});
