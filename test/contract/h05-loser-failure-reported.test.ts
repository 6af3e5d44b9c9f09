// Issue 15 item 6 (DESIGN 2.7): with `whenAny(..., { cancelLosers: false })` a loser keeps running; if it fails
// later and nobody observes it, its failure goes to the unobserved-error report, exactly once. A loser somebody
// observes (awaits) is not reported, and neither is a plain promise loser's rejection raised as unhandled.
import { describe, expect, it } from "vitest";
import { AsyncStatus, whenAny } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gatedOp, settle, watchUnhandledRejections } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("a loser that fails after the winner, observed by nobody, is reported once", async () => {
    const unobserved = captureUnobserved();
    const winner = gatedOp(kind, 1);
    const loser = gatedOp(kind, 2);
    const any = whenAny([winner.op, loser.op], { cancelLosers: false });
    winner.gate.open();
    await settle();
    expect(any.status).toBe(AsyncStatus.completed);
    expect(loser.op.status).toBe(AsyncStatus.started);
    const error = new Error("the loser failed later");
    loser.gate.fail(error);
    await settle();
    await settle();
    expect(loser.op.status).toBe(AsyncStatus.error);
    expect(unobserved).toEqual([{ error, operation: loser.op }]);
  });

  it("a loser that fails later but that somebody awaits is not reported", async () => {
    const unobserved = captureUnobserved();
    const winner = gatedOp(kind, 1);
    const loser = gatedOp(kind, 2);
    whenAny([winner.op, loser.op], { cancelLosers: false });
    const observed = Promise.resolve(loser.op).then(
      () => "fulfilled",
      () => "rejected",
    );
    winner.gate.open();
    await settle();
    loser.gate.fail(new Error("seen"));
    expect(await observed).toBe("rejected");
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("a loser that failed before the winner is not a loser: it wins", async () => {
    const unobserved = captureUnobserved();
    const first = gatedOp(kind, 1);
    const second = gatedOp(kind, 2);
    const any = whenAny([first.op, second.op], { cancelLosers: false });
    const error = new Error("first to end");
    first.gate.fail(error);
    await settle();
    expect(any.status).toBe(AsyncStatus.error);
    await Promise.resolve(any).then(undefined, () => undefined);
    await settle();
    expect(unobserved).toEqual([]);
  });
});

describe("a plain promise loser", () => {
  it("rejecting later raises no unhandled rejection", async () => {
    const rejections = watchUnhandledRejections();
    let reject!: (reason: unknown) => void;
    const loser = new Promise((_resolve, onReject) => {
      reject = onReject;
    });
    const any = whenAny([Promise.resolve(1), loser], { cancelLosers: false });
    await settle();
    expect(any.status).toBe(AsyncStatus.completed);
    reject(new Error("late"));
    await settle();
    expect(rejections).toEqual([]);
  });
});
