// Case 25: status reads canceled immediately after cancel(), while the body is still suspended.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("reads canceled right after cancel(), before the gate opens, and stays canceled", async () => {
    const g = gate();
    let unwound = false;
    const op = kind.run(async () => {
      try {
        await g.promise;
        return 123;
      } finally {
        unwound = true;
      }
    });
    expect(op.status).toBe(AsyncStatus.started);

    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await microtasks();
    expect(unwound).toBe(false);
    expect(op.status).toBe(AsyncStatus.canceled);

    g.open();
    await settle();
    expect(unwound).toBe(true);
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
