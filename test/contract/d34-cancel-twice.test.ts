// Case 34: a second cancel() is silent; onCancel callbacks, the signal's abort event and the completed handler each fire once.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { rejection as rejectionOf } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("runs every cancellation effect once when cancel() is called twice", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      ctx.onCancel(() => log.push("cb"));
      ctx.signal.addEventListener("abort", () => log.push("abort"));
      await g.promise;
    });
    const rec = recorder(log);
    op.completed = rec.handler;
    const awaited = rejectionOf(op);

    op.cancel();
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.canceled);
    await microtasks();
    expect(() => op.cancel()).not.toThrow();

    g.open();
    await settle();
    expect(log.filter((entry) => entry === "cb")).toHaveLength(1);
    expect(log.filter((entry) => entry === "abort")).toHaveLength(1);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(await awaited).toBeInstanceOf(CanceledError);
  });
});
