// Case 4: awaiting an operation gives its result, whether or not the body suspended.
import { describe, expect, it } from "vitest";
import { kinds, resultKinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(resultKinds)("$name", (kind) => {
  it("await gives the result of a body that does not suspend", async () => {
    const op = kind.run(() => 123);
    await expect(op).resolves.toBe(123);
    expect(await op).toBe(123);
  });

  it("await gives the result of a body that suspends first", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const pending = op.then((value) => value);
    g.open();
    expect(await pending).toBe(123);
    expect(await op).toBe(123);
  });

  it("then returns a native Promise and every awaiter gets the same result", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const first = op.then((value) => value);
    const second = op.then((value) => value);
    expect(first).toBeInstanceOf(Promise);
    g.open();
    expect(await Promise.all([first, second, op])).toEqual([123, 123, 123]);
  });
});

describe.each(kinds.filter((kind) => !kind.hasResult))("$name", (kind) => {
  it("await gives undefined", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    g.open();
    expect(await op).toBeUndefined();
  });
});
