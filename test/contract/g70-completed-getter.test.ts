// Case 70 (DESIGN 2.8): the completed getter returns the handler until it has run, then null (null if null was assigned).
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("is null before any assignment", () => {
    const g = gate();
    const op = kind.run(() => g.promise);
    expect(op.completed).toBeNull();
    g.open();
  });

  it("returns the handler while started, then null after it ran", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const h = recorder();
    op.completed = h.handler;
    expect(op.completed).toBe(h.handler);
    await microtasks();
    expect(op.completed).toBe(h.handler);
    g.open();
    await op;
    await microtasks();
    expect(h.calls).toHaveLength(1);
    expect(op.completed).toBeNull();
  });

  it("assigned after completion: returns the handler until the microtask ran it, then null", async () => {
    const op = kind.run(() => 1);
    let getterInside: unknown = "unread";
    const handler = (): void => {
      getterInside = op.completed;
    };
    op.completed = handler;
    expect(op.completed).toBe(handler);
    await microtasks();
    expect(getterInside).toBeNull();
    expect(op.completed).toBeNull();
  });

  it("returns null after null was assigned", () => {
    const op = kind.run(() => 1);
    op.completed = null;
    expect(op.completed).toBeNull();
  });
});
