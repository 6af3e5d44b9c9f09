// Case 109 (DESIGN 2.5 #14): a progress handler that cancels the op: status is canceled before report() returns,
// later progress is dropped, and the completed handler gets (op, canceled).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds, type ProgressOp } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("value 2 is never delivered; handler (op, canceled)", async () => {
    const first = gate();
    const second = gate();
    let statusAfterReport: number | undefined;
    let canceledAfterReport: boolean | undefined;
    let secondReportReturned = false;
    // The body reads `op` only after its first await, when run() has returned.
    const op: ProgressOp = asProgress(
      kind.run(async (ctx) => {
        await first.promise;
        ctx.report(1);
        statusAfterReport = op.status;
        canceledAfterReport = ctx.canceled;
        await second.promise;
        ctx.report(2);
        secondReportReturned = true;
      }),
    );
    const handled: number[] = [];
    const listened: number[] = [];
    op.progress = (_sender, value) => {
      handled.push(value);
      op.cancel();
    };
    op.onProgress((value) => listened.push(value));
    const h = recorder();
    op.completed = h.handler;

    first.open();
    await settle();
    expect(statusAfterReport).toBe(AsyncStatus.canceled);
    expect(canceledAfterReport).toBe(true);
    second.open();
    await settle();
    await microtasks();

    expect(secondReportReturned).toBe(true);
    expect(handled).toEqual([1]);
    expect(listened).toEqual([]);
    expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.canceled }]);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("a listener that cancels stops delivery to the listeners after it", async () => {
    const g = gate();
    const op: ProgressOp = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(1);
      }),
    );
    const log: string[] = [];
    op.onProgress(() => {
      log.push("first");
      op.cancel();
    });
    op.onProgress(() => log.push("second"));
    g.open();
    await settle();
    expect(log).toEqual(["first"]);
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
