// Cases 57, 58: the progress handler may be replaced or cleared any number of times; the getter returns the last one set.
import { describe, expect, it } from "vitest";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("h1 gets 1, h2 gets 2, nobody gets 3, and the getter follows each assignment", () => {
    const g = gate();
    let report!: (value: number) => void;
    const op = asProgress(
      kind.run((ctx) => {
        report = (value) => ctx.report(value);
        return g.promise;
      }),
    );
    const h1Seen: number[] = [];
    const h2Seen: number[] = [];
    const h1 = (_sender: never, value: number): void => void h1Seen.push(value);
    const h2 = (_sender: never, value: number): void => void h2Seen.push(value);

    expect(op.progress).toBeNull();
    expect(() => (op.progress = h1)).not.toThrow();
    expect(op.progress).toBe(h1);
    report(1);
    expect(() => (op.progress = h2)).not.toThrow();
    expect(op.progress).toBe(h2);
    report(2);
    expect(() => (op.progress = null)).not.toThrow();
    expect(op.progress).toBeNull();
    report(3);
    expect(() => (op.progress = h1)).not.toThrow();
    expect(op.progress).toBe(h1);

    expect(h1Seen).toEqual([1]);
    expect(h2Seen).toEqual([2]);
    g.open();
  });

  it("accepts assignments after completion without error (the getter still returns the last one)", async () => {
    const op = asProgress(kind.run(() => 1));
    const h = (): void => {};
    expect(() => (op.progress = h)).not.toThrow();
    expect(op.progress).toBe(h);
    expect(() => (op.progress = null)).not.toThrow();
    expect(op.progress).toBeNull();
    await op;
  });
});
