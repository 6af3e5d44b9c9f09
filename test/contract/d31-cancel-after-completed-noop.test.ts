// Case 31: cancel() after the op completed does nothing: no error, status stays completed, the result stays readable, the handler is not called again.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("ignores cancel() on an op that completed without suspending", async () => {
    const op = kind.run(() => 123);
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toHaveLength(1);

    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(123));
    expect(await op).toBe(kind.expected(123));
    await settle();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
  });

  it("ignores cancel() on an op that completed after suspending, and does not abort its signal", async () => {
    const g = gate();
    let signal: AbortSignal | undefined;
    const op = kind.run(async (ctx) => {
      signal = ctx.signal;
      await g.promise;
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;
    g.open();
    await waitFor(() => rec.calls.length > 0);

    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
    expect(signal!.aborted).toBe(false);
    await settle();
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.completed);
  });
});
