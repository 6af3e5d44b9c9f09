// Case 17: getResults() on a completed action (AsyncAction, AsyncActionWithProgress) returns undefined and does not throw, whatever the body returned.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

const actionKinds = kinds.filter((kind) => !kind.hasResult);

describe.each(actionKinds)("$name", (kind) => {
  it("a body that returns a value synchronously: getResults is undefined", () => {
    const op = kind.run(() => 123);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBeUndefined();
    expect(op.getResults()).toBeUndefined();
  });

  it("a body that returns a value after suspending: getResults and await give undefined", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return { not: "a result" };
    });
    g.open();
    expect(await op).toBeUndefined();
    expect(op.getResults()).toBeUndefined();
  });

  it("fromResult(): getResults is undefined", () => {
    const op = kind.fromResult(123);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBeUndefined();
  });

  it("fromPromise of a value: getResults is undefined", async () => {
    const op = kind.fromPromise(Promise.resolve(123));
    await op;
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBeUndefined();
  });
});
