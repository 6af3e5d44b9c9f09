// Case 52: a progress report while started reaches the progress handler once, with (op, value), status still started.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, untilTerminal } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("calls the progress handler once with (op, 123) while the status is started", async () => {
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(123);
        return 1;
      }),
    );
    const calls: Array<{ sender: unknown; value: number; status: AsyncStatus }> = [];
    op.progress = (sender, value) => calls.push({ sender, value, status: op.status });
    g.open();
    await untilTerminal(op);
    expect(calls).toEqual([{ sender: op, value: 123, status: AsyncStatus.started }]);
    expect(calls[0]!.sender).toBe(op);
    expect(op.status).toBe(AsyncStatus.completed);
  });
});
