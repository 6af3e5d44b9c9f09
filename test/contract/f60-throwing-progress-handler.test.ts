// Case 60 (DESIGN 2.3 #8): a throwing progress handler or onProgress listener changes nothing; its error is reported.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, untilTerminal } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("report() returns normally, the op completes, listeners still run and the very error is reported", async () => {
    const reported = captureListenerErrors();
    const thrown = new Error("handler failed");
    const g = gate();
    const log: string[] = [];
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(1);
        log.push("after-report-1");
        ctx.report(2);
        log.push("after-report-2");
        return 5;
      }),
    );
    op.progress = (_sender, value) => {
      log.push(`handler:${value}`);
      throw thrown;
    };
    op.onProgress((value) => log.push(`listener:${value}`));
    g.open();
    await untilTerminal(op);

    expect(log).toEqual(["handler:1", "listener:1", "after-report-1", "handler:2", "listener:2", "after-report-2"]);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(5));
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(5));
    expect(reported).toHaveLength(2);
    expect(reported[0]).toBe(thrown);
    expect(reported[1]).toBe(thrown);
  });

  it("a throwing listener does not stop the next listener nor the body", async () => {
    const reported = captureListenerErrors();
    const thrown = new TypeError("listener failed");
    const g = gate();
    const log: string[] = [];
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(7);
        log.push("after-report");
        return 5;
      }),
    );
    op.onProgress(() => {
      log.push("first");
      throw thrown;
    });
    op.onProgress(() => log.push("second"));
    g.open();
    await untilTerminal(op);

    expect(log).toEqual(["first", "second", "after-report"]);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(reported).toEqual([thrown]);
    expect(reported[0]).toBe(thrown);
  });
});
