// Issue 19: diagnostics give the status by name, as util.inspect(op) prints it, beside the numeric status:
// liveOperations() snapshots carry statusName "started", settle messages the terminal status's name.
import { afterEach, describe, expect, it } from "vitest";
import { AsyncStatus, type Disposable } from "../../src/index.js";
import { liveOperations, onOperationSettle, trackOperations, type OperationSettleMessage } from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

const cleanups: Disposable[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup[Symbol.dispose]();
});

describe.each(kinds)("$name", (kind) => {
  it("a liveOperations() snapshot names its status as the printout does", () => {
    cleanups.push(trackOperations());
    const op = kind.run(() => gate().promise);
    const snapshot = liveOperations().find((entry) => entry.id === op.id);
    expect(snapshot).toMatchObject({ status: AsyncStatus.started, statusName: "started" });
    op.cancel();
  });

  it("a settle message names the terminal status", async () => {
    const messages: OperationSettleMessage[] = [];
    cleanups.push(onOperationSettle((message) => messages.push(message)));
    const completing = gate();
    const failing = gate();
    const ops = [kind.run(() => completing.promise), kind.run(() => failing.promise), kind.run(() => gate().promise)];
    ops[1]!.catch(() => {});
    ops[2]!.cancel();
    completing.open();
    failing.fail(new Error("failed"));
    await settle();
    const ours = messages.filter((message) => ops.some((op) => op.id === message.id));
    expect(ours.map((message) => [message.id, message.status, message.statusName]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [ops[0]!.id, AsyncStatus.completed, "completed"],
      [ops[1]!.id, AsyncStatus.error, "error"],
      [ops[2]!.id, AsyncStatus.canceled, "canceled"],
    ]);
  });
});
