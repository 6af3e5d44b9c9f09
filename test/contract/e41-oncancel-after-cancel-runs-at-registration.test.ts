// Case 41: an onCancel callback registered after cancellation runs at once, during registration, once.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it('logs ["cb", "registered"] when the body registers after cancel()', async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      await g.promise;
      const registration = ctx.onCancel(() => log.push("cb"));
      log.push("registered");
      registration[Symbol.dispose]();
      log.push("disposed");
    });

    op.cancel();
    expect(log).toEqual([]);
    g.open();
    await waitFor(() => log.includes("disposed"));
    await settle();
    op.cancel();

    expect(log).toEqual(["cb", "registered", "disposed"]);
    expect(op.status).toBe(AsyncStatus.canceled);
  });
});
