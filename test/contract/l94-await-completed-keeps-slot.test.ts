// Case 94: awaiting an already-completed operation resolves with its result and does not use up `completed` (DESIGN 2.8).
import { describe, expect, it } from "vitest";
import { AsyncStatus, toPromise } from "../../src/index.js";
import { resultKinds } from "../helpers/kinds.js";
import { microtasks, recorder } from "../helpers/fixtures.js";
import { asWinRT } from "../helpers/foreign.js";

describe.each(resultKinds)("$name", (kind) => {
  it("resolves with the result when awaited after completion", async () => {
    const op = kind.run(() => 50);
    expect(op.status).toBe(AsyncStatus.completed);
    await expect(op).resolves.toBe(50);
  });

  it("leaves `completed` free after await: a handler assigned afterwards runs once, with completed", async () => {
    const op = kind.fromResult(50);
    expect(await op).toBe(50);
    expect(op.completed).toBeNull();
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });

  it("leaves `completed` free after toPromise and after then", async () => {
    const op = kind.run(() => 50);
    await expect(toPromise(asWinRT(op))).resolves.toBe(50);
    await expect(op.then((value) => value)).resolves.toBe(50);
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });
});
