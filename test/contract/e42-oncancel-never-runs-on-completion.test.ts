// Case 42: an onCancel callback never runs when the op ends otherwise (completed or error), even if cancel() is called afterwards.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("does not run for a body that completes without suspending", async () => {
    const log: string[] = [];
    const op = kind.run((ctx) => {
      ctx.onCancel(() => log.push("cb"));
      return 123;
    });
    op.cancel();
    await settle();
    expect(log).toEqual([]);
    expect(op.status).toBe(AsyncStatus.completed);
  });

  it("does not run for a body that completes after suspending", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async (ctx) => {
      ctx.onCancel(() => log.push("cb"));
      await g.promise;
      return 123;
    });
    g.open();
    await waitFor(() => op.status !== AsyncStatus.started);
    op.cancel();
    await settle();
    expect(log).toEqual([]);
    expect(op.status).toBe(AsyncStatus.completed);
  });

  it("does not run for a body that fails, nor for one registered after the failure", async () => {
    captureUnobserved();
    const log: string[] = [];
    const g = gate();
    let late!: () => void;
    const op = kind.run(async (ctx) => {
      ctx.onCancel(() => log.push("cb"));
      late = () => {
        ctx.onCancel(() => log.push("late-cb"));
      };
      await g.promise;
      throw new Error("boom");
    });
    g.open();
    await waitFor(() => op.status !== AsyncStatus.started);
    op.cancel();
    late();
    op.cancel();
    await settle();
    expect(log).toEqual([]);
    expect(op.status).toBe(AsyncStatus.error);
  });
});
