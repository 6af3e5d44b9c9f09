// Case 35: cancel() on an op made already completed (fromResult) does nothing: no error, status stays completed.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("stays completed with its result after cancel()", async () => {
    const op = kind.fromResult(123);
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(123));
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
    expect(await op).toBe(kind.expected(123));
  });
});
