// Case 71: getResults() called inside the completed handler returns the final result.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { resultKinds } from "../helpers/kinds.js";
import { gate, microtasks } from "../helpers/fixtures.js";

describe.each(resultKinds)("$name", (kind) => {
  it("reads 42 inside a handler assigned while started", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 42;
    });
    const read: unknown[] = [];
    op.completed = (_sender, status) => {
      expect(status).toBe(AsyncStatus.completed);
      read.push(op.getResults(), op.getResults());
    };
    g.open();
    await op;
    await microtasks();
    expect(read).toEqual([42, 42]);
  });

  it("reads the result inside a handler assigned after completion, including an object result by identity", async () => {
    const result = { value: "foo" };
    const op = kind.run(() => result as never);
    const read: unknown[] = [];
    op.completed = () => read.push(op.getResults());
    await microtasks();
    expect(read).toHaveLength(1);
    expect(read[0]).toBe(result);
  });
});
