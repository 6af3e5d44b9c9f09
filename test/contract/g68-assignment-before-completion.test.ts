// Case 68 (DESIGN 2.3 #6): assigned while started, the handler is not called in the setter; it runs once after completion.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("no call during the assignment nor while started; one call (op, completed) once the body completes", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const h = recorder();
    op.completed = h.handler;
    expect(h.calls).toEqual([]);
    await microtasks();
    expect(op.status).toBe(AsyncStatus.started);
    expect(h.calls).toEqual([]);

    g.open();
    await op;
    await microtasks();
    expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });

  it("is not called inside cancel(), but on a microtask after it", async () => {
    const g = gate();
    const op = kind.run(() => g.promise);
    const log: string[] = [];
    op.completed = () => log.push("handler");
    op.cancel();
    log.push("after-cancel");
    expect(log).toEqual(["after-cancel"]);
    await microtasks();
    expect(log).toEqual(["after-cancel", "handler"]);
    g.open();
  });
});
