// Case 56: progress reported while no handler is set is dropped, not buffered for a later handler.
import { describe, expect, it } from "vitest";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, untilTerminal } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("a handler assigned after the first report sees only the second", async () => {
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx) => {
        ctx.report(1);
        await g.promise;
        ctx.report(2);
      }),
    );
    const seen: number[] = [];
    const listened: number[] = [];
    op.progress = (_sender, value) => seen.push(value);
    op.onProgress((value) => listened.push(value));
    g.open();
    await untilTerminal(op);
    expect(seen).toEqual([2]);
    expect(listened).toEqual([2]);
  });
});
