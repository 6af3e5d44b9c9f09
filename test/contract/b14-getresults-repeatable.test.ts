// Case 14: getResults() after completed is repeatable: the identical value on every call, and awaiting does not consume it.
import { describe, expect, it } from "vitest";
import { resultKinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(resultKinds)("$name", (kind) => {
  it("returns the identical object three times", () => {
    const value = { payload: "result" };
    const op = kind.run(() => value);
    expect(op.getResults()).toBe(value);
    expect(op.getResults()).toBe(value);
    expect(op.getResults()).toBe(value);
  });

  it("returns the same value before and after several awaits", async () => {
    const g = gate();
    const value = ["a", "b"];
    const op = kind.run(async () => {
      await g.promise;
      return value;
    });
    g.open();
    expect(await op).toBe(value);
    expect(op.getResults()).toBe(value);
    expect(await op).toBe(value);
    expect(op.getResults()).toBe(value);
    expect(op.getResults()).toBe(value);
  });

  it("keeps a primitive result", () => {
    const op = kind.run(() => 123);
    expect([op.getResults(), op.getResults(), op.getResults()]).toEqual([123, 123, 123]);
  });
});
