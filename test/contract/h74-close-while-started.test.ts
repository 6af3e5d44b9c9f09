// Case 74 [decision: DOC/CS/WRL]: close() while started throws IllegalStateChangeError and changes nothing.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalStateChangeError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("throws E_ILLEGAL_STATE_CHANGE; the op stays started, then completes normally and its handler fires", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 4;
    });
    const h = recorder();
    op.completed = h.handler;
    let caught: unknown;
    try {
      op.close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalStateChangeError);
    expect((caught as IllegalStateChangeError).hresult).toBe(HResult.E_ILLEGAL_STATE_CHANGE);
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.completed).toBe(h.handler);

    g.open();
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(4));
    await microtasks();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(4));
    expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
    expect(() => op.close()).not.toThrow();
  });
});
