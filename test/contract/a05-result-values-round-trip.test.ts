// Case 5: results of every shape (string, struct, object reference) come back unchanged through getResults and await.
import { describe, expect, it } from "vitest";
import { resultKinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

class Resource {
  readonly magicValue = 42;
}

const values: ReadonlyArray<{ label: string; make: () => unknown }> = [
  { label: "a string", make: () => "rvalue" },
  { label: "an empty string", make: () => "" },
  { label: "a struct", make: () => ({ x: 1, y: 2, nested: { z: [3, 4] } }) },
  { label: "an object reference", make: () => new Resource() },
  { label: "a function", make: () => () => 7 },
  { label: "zero", make: () => 0 },
  { label: "NaN", make: () => Number.NaN },
  { label: "null", make: () => null },
  { label: "undefined", make: () => undefined },
];

describe.each(resultKinds)("$name", (kind) => {
  describe.each(values)("$label", ({ make }) => {
    it("returned synchronously: getResults and await give the identical value", async () => {
      const value = make();
      const op = kind.run(() => value);
      expect(op.getResults()).toBe(value);
      expect(await op).toBe(value);
      expect(op.getResults()).toBe(value);
    });

    it("returned after a suspension: getResults and await give the identical value", async () => {
      const value = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        return value;
      });
      g.open();
      expect(await op).toBe(value);
      expect(op.getResults()).toBe(value);
    });

    it("fromResult keeps the identical value", async () => {
      const value = make();
      const op = kind.fromResult(value as number);
      expect(op.getResults()).toBe(value);
      expect(await op).toBe(value);
    });
  });

  it("a struct keeps its content and an object keeps its prototype", async () => {
    const op1 = kind.run(() => ({ x: 1, y: "two" }));
    expect(op1.getResults()).toEqual({ x: 1, y: "two" });
    const op2 = kind.run(async () => new Resource());
    const result = await op2;
    expect(result).toBeInstanceOf(Resource);
    expect((result as Resource).magicValue).toBe(42);
  });
});
