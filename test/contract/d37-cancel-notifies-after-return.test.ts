// Case 37 (DESIGN 2.8, 2.3 #5-#6): cancel() does not call the handler itself; the handler and awaiters are told on a microtask right after it, before the body unwinds, so "after-cancel" is logged first.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it('logs "after-cancel" before the handler and awaiters, all before the body unwinds', async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async () => {
      try {
        await g.promise;
        return 123;
      } finally {
        log.push("unwound");
      }
    });
    const rec = recorder(log);
    op.completed = rec.handler;
    let reason: unknown;
    op.then(undefined, (error: unknown) => {
      reason = error;
      log.push("awaiter");
    });

    op.cancel();
    log.push("after-cancel");
    expect(log).toEqual(["after-cancel"]);

    await microtasks();
    expect(log[0]).toBe("after-cancel");
    expect([...log].sort()).toEqual(["after-cancel", "awaiter", `completed:${AsyncStatus.canceled}`].sort());
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);
    expect(reason).toBeInstanceOf(CanceledError);

    g.open();
    await waitFor(() => log.includes("unwound"));
    await settle();
    expect(log.at(-1)).toBe("unwound");
    expect(rec.calls).toHaveLength(1);
  });
});
