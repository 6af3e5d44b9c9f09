// Case 27 (DESIGN 2.8): a handler assigned after cancel() while the body still runs is called on a microtask after the assignment with (op, canceled), once, and never again when the body unwinds.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

// How the body ends once its gate opens, after it was canceled.
const endings = [
  { how: "returns normally", end: () => 123 },
  {
    how: "throws its cancellation",
    end: (ctx: { throwIfCanceled(): void }) => {
      ctx.throwIfCanceled();
      return 0;
    },
  },
] as const;

describe.each(kinds)("$name", (kind) => {
  it.each(endings)("fires once with (op, canceled) before the body unwinds; the body then $how", async ({ end }) => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      try {
        await g.promise;
        return end(ctx);
      } finally {
        log.push("unwound");
      }
    });

    op.cancel();
    const rec = recorder(log);
    op.completed = rec.handler;
    log.push("after-set");
    expect(rec.calls).toHaveLength(0);

    await microtasks();
    expect(log).toEqual(["after-set", `completed:${AsyncStatus.canceled}`]);
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.sender).toBe(op);
    expect(rec.calls[0]!.status).toBe(AsyncStatus.canceled);

    g.open();
    await waitFor(() => log.includes("unwound"));
    await settle();
    expect(log).toEqual(["after-set", `completed:${AsyncStatus.canceled}`, "unwound"]);
    expect(rec.calls).toHaveLength(1);
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
