// Case 40: an onCancel callback runs synchronously inside cancel(), exactly once; afterwards getResults throws IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { caught as thrownBy } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it('logs ["cb", "after-cancel"] and runs the callback once', async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      ctx.onCancel(() => log.push("cb"));
      await g.promise;
    });
    expect(log).toEqual([]);

    op.cancel();
    log.push("after-cancel");
    expect(log).toEqual(["cb", "after-cancel"]);

    op.cancel();
    g.open();
    await settle();
    expect(log).toEqual(["cb", "after-cancel"]);
    expect(op.status).toBe(AsyncStatus.canceled);
    const error = thrownBy(() => op.getResults());
    expect(error).toBeInstanceOf(IllegalMethodCallError);
    expect((error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
  });

  it("runs a callback the body registered after an await inside cancel() too", async () => {
    const log: string[] = [];
    const first = gate();
    const second = gate();
    const op = kind.run(async (ctx) => {
      await first.promise;
      ctx.onCancel(() => log.push("cb"));
      log.push("registered");
      await second.promise;
    });
    first.open();
    await waitFor(() => log.includes("registered"));

    op.cancel();
    log.push("after-cancel");
    expect(log).toEqual(["registered", "cb", "after-cancel"]);
    second.open();
    await settle();
    expect(log).toEqual(["registered", "cb", "after-cancel"]);
  });
});
