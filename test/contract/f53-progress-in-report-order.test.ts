// Case 53: progress values reach the handler exactly in the order the body reported them.
import { describe, expect, it } from "vitest";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, untilTerminal } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("delivers 10, 20, ..., 100 in order, the last value being 100", async () => {
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        for (let value = 10; value <= 100; value += 10) ctx.report(value);
      }),
    );
    const seen: number[] = [];
    op.progress = (_sender, value) => seen.push(value);
    g.open();
    await untilTerminal(op);
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(seen.at(-1)).toBe(100);
  });

  it("keeps the order across awaits in the body", async () => {
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        for (let value = 1; value <= 5; value++) {
          ctx.report(value);
          await Promise.resolve();
        }
      }),
    );
    const seen: number[] = [];
    op.progress = (_sender, value) => seen.push(value);
    g.open();
    await untilTerminal(op);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
