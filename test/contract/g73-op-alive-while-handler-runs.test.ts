// Case 73: a handler that drops the last outside reference to its op still runs to the end with a usable op; and
// awaiting an already-completed foreign action succeeds.
import { describe, expect, it } from "vitest";
import { AsyncStatus, toPromise, type IAsyncAction } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("the handler drops the only reference, then still reads status and results through its sender", async () => {
    let ref: AnyOp | undefined = kind.run(() => 3);
    const awaited = ref.then((value) => value);
    const seen: unknown[] = [];
    ref.completed = (sender) => {
      ref = undefined;
      const op = sender as AnyOp;
      seen.push(op.status, op.getResults());
      op.close();
      seen.push("closed");
    };
    await microtasks();
    expect(ref).toBeUndefined();
    expect(seen).toEqual([AsyncStatus.completed, kind.expected(3), "closed"]);
    await expect(awaited).resolves.toBe(kind.expected(3));
  });
});

describe("a foreign IAsyncAction", () => {
  it("already completed: toPromise resolves without assigning completed", async () => {
    let assigned = false;
    const foreign: IAsyncAction = {
      id: 1,
      status: AsyncStatus.completed,
      errorCode: null,
      get completed() {
        return null;
      },
      set completed(_handler) {
        assigned = true;
      },
      getResults() {},
      cancel() {},
      close() {},
    };
    await expect(toPromise(foreign)).resolves.toBeUndefined();
    expect(assigned).toBe(false);
  });
});
