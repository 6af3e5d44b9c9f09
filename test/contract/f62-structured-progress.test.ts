// Case 62: a structured progress value reaches the handler and the listeners as the same object, every field intact.
import { describe, expect, it } from "vitest";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, untilTerminal } from "../helpers/fixtures.js";

interface Transfer {
  bytesReceived: number;
  totalBytesToReceive: number;
  parts: number[];
}

describe.each(progressKinds)("$name", (kind) => {
  it("delivers { bytesReceived: 3, totalBytesToReceive: 4, parts: [1, 2, 3, 4] } unchanged", async () => {
    const value: Transfer = { bytesReceived: 3, totalBytesToReceive: 4, parts: [1, 2, 3, 4] };
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(value as never);
      }),
    );
    const handled: unknown[] = [];
    const listened: unknown[] = [];
    op.progress = (_sender, progress) => handled.push(progress);
    op.onProgress((progress) => listened.push(progress));
    g.open();
    await untilTerminal(op);

    expect(handled).toHaveLength(1);
    expect(handled[0]).toBe(value);
    expect(handled[0]).toEqual({ bytesReceived: 3, totalBytesToReceive: 4, parts: [1, 2, 3, 4] });
    expect(listened).toHaveLength(1);
    expect(listened[0]).toBe(value);
  });
});
