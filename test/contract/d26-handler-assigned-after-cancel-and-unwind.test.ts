// Case 26 (DESIGN 2.8): a handler assigned after a canceled op has unwound runs on a microtask after the assignment (never inside it), once, with (op, canceled).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("calls a handler assigned after the body unwound on a microtask, once, with (op, canceled)", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      try {
        await g.promise;
        log.push("resumed");
        ctx.throwIfCanceled();
        log.push("not-reached");
        return 123;
      } finally {
        log.push("unwound");
      }
    });

    op.cancel();
    g.open();
    await waitFor(() => log.includes("unwound"));
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(log).toEqual(["resumed", "unwound"]);

    const rec = recorder(log);
    op.completed = rec.handler;
    log.push("after-set");
    expect(rec.calls).toHaveLength(0);

    await microtasks();
    expect(log).toEqual(["resumed", "unwound", "after-set", `completed:${AsyncStatus.canceled}`]);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);

    await settle();
    expect(rec.calls).toHaveLength(1);
  });
});
