// Case 44 (DESIGN 2.8): onCancel keeps every callback and runs them all, in registration order, as AbortSignal listeners; each Disposable removes only its own registration.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, settle } from "../helpers/fixtures.js";
import type { AsyncContext } from "../../src/index.js";

function runWith(kind: (typeof kinds)[number], setup: (ctx: AsyncContext) => void): { cancel(): void } {
  return kind.run(async (ctx) => {
    setup(ctx);
    await gate().promise;
  });
}

describe.each(kinds)("$name", (kind) => {
  it("runs both cb1 and cb2, in registration order", () => {
    const log: string[] = [];
    const op = runWith(kind, (ctx) => {
      ctx.onCancel(() => log.push("cb1"));
      ctx.onCancel(() => log.push("cb2"));
    });
    op.cancel();
    expect(log).toEqual(["cb1", "cb2"]);
  });

  it("disposing the first registration removes cb1 only", () => {
    const log: string[] = [];
    const op = runWith(kind, (ctx) => {
      const first = ctx.onCancel(() => log.push("cb1"));
      ctx.onCancel(() => log.push("cb2"));
      first[Symbol.dispose]();
    });
    op.cancel();
    expect(log).toEqual(["cb2"]);
  });

  it("disposing the second registration removes cb2 only", () => {
    const log: string[] = [];
    const op = runWith(kind, (ctx) => {
      ctx.onCancel(() => log.push("cb1"));
      const second = ctx.onCancel(() => log.push("cb2"));
      second[Symbol.dispose]();
    });
    op.cancel();
    expect(log).toEqual(["cb1"]);
  });

  it("keeps two registrations of the same function apart", () => {
    const log: string[] = [];
    const callback = (): void => {
      log.push("cb");
    };
    const op = runWith(kind, (ctx) => {
      ctx.onCancel(callback);
      const second = ctx.onCancel(callback);
      ctx.onCancel(callback);
      second[Symbol.dispose]();
    });
    op.cancel();
    expect(log).toEqual(["cb", "cb"]);
  });

  it("runs cb2 when cb1 throws, and reports cb1's error", async () => {
    const reported = captureListenerErrors();
    const problem = new Error("cb1 failed");
    const log: string[] = [];
    const op = runWith(kind, (ctx) => {
      ctx.onCancel(() => {
        throw problem;
      });
      ctx.onCancel(() => log.push("cb2"));
    });
    op.cancel();
    expect(log).toEqual(["cb2"]);
    await settle();
    expect(reported).toEqual([problem]);
  });
});
