// Case 59: report() calls the progress handler and the listeners synchronously, before report() returns.
import { describe, expect, it } from "vitest";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, untilTerminal } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it('logs ["handler", "listener", "after-report"]', async () => {
    const g = gate();
    const log: string[] = [];
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(1);
        log.push("after-report");
      }),
    );
    op.progress = () => log.push("handler");
    op.onProgress(() => log.push("listener"));
    g.open();
    await untilTerminal(op);
    expect(log).toEqual(["handler", "listener", "after-report"]);
  });
});
