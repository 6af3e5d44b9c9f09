// Cases 11, 12 (and 13 by DESIGN 2.8): getResults() while started throws IllegalMethodCallError for every kind, progress kinds included (no provisional results), and leaves the op unaffected.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalMethodCallError } from "../../src/index.js";
import { asProgress, kinds, progressKinds } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("throws IllegalMethodCallError while started, and the op still completes with its result", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const rec = recorder();
    op.completed = rec.handler;

    for (let i = 0; i < 2; i++) {
      const error = caught(() => op.getResults());
      expect(error).toBeInstanceOf(IllegalMethodCallError);
      expect((error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
    }
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.errorCode).toBeNull();

    g.open();
    expect(await op).toBe(kind.expected(123));
    await microtasks();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
    expect(rec.calls.map((call) => call.status)).toEqual([AsyncStatus.completed]);
  });
});

describe.each(progressKinds)("$name", (kind) => {
  it("throws IllegalMethodCallError when read from the progress handler (no preliminary result)", async () => {
    const g = gate();
    const seen: Array<{ status: AsyncStatus; error: unknown }> = [];
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(123);
        return 456;
      }),
    );
    op.progress = () => {
      seen.push({ status: op.status, error: caught(() => op.getResults()) });
    };
    g.open();
    expect(await op).toBe(kind.expected(456));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.status).toBe(AsyncStatus.started);
    expect(seen[0]!.error).toBeInstanceOf(IllegalMethodCallError);
    expect((seen[0]!.error as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
    expect(op.getResults()).toBe(kind.expected(456));
    expect(op.getResults()).toBe(kind.expected(456));
  });
});
