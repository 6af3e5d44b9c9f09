// Case 61 (DESIGN 2.8, 2.5 #14): progress reported after cancel() is dropped; the op stays canceled.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("a body that ignores cancellation reports 5 after cancel(): nobody receives it", async () => {
    const g = gate();
    const rest = gate();
    let reportReturned = false;
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(5);
        reportReturned = true;
        await rest.promise;
      }),
    );
    const handled: number[] = [];
    const listened: number[] = [];
    op.progress = (_sender, value) => handled.push(value);
    op.onProgress((value) => listened.push(value));

    op.cancel();
    g.open();
    await settle();

    expect(reportReturned).toBe(true);
    expect(handled).toEqual([]);
    expect(listened).toEqual([]);
    expect(op.status).toBe(AsyncStatus.canceled);
    rest.open();
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
