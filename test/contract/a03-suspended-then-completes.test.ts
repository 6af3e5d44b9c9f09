// Case 3: a suspended op reports started and no handler call; once its body resumes it completes and the handler runs once with (op, completed).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle, untilTerminal } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("stays started while suspended, then completes and calls the handler once", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;

    await settle();
    await microtasks();
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.errorCode).toBeNull();
    expect(rec.calls).toHaveLength(0);

    g.open();
    await untilTerminal(op);
    await microtasks();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(123));

    await settle();
    expect(rec.calls).toHaveLength(1);
  });
});
