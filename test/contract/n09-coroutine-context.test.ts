// DESIGN 4.3 item 1 (with 1.2): a coroutine body gets the same context as any body. ctx.report delivers progress
// synchronously between yields (progress kinds); ctx.canceled and ctx.throwIfCanceled see a cancel made while the
// body runs; ctx.signal handed to other work aborts when the coroutine is canceled.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, delay, wait } from "../../src/index.js";
import { kinds, progressKinds, asProgress, type AnyOp } from "../helpers/kinds.js";
import { settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(progressKinds)("$name", (kind) => {
  it("delivers ctx.report from the body to the progress handler and listeners, between yields", async () => {
    const seen: string[] = [];
    const op = kind.run(function* (ctx) {
      ctx.report(1);
      yield Promise.resolve();
      ctx.report(2);
      yield Promise.resolve();
      ctx.report(3);
    });
    asProgress(op).progress = (_op, value) => seen.push(`handler ${value}`);
    asProgress(op).onProgress((value) => seen.push(`listener ${value}`));
    await op;
    // 1 was reported during hot start, before anyone listened.
    expect(seen).toEqual(["handler 2", "listener 2", "handler 3", "listener 3"]);
  });
});

describe.each(kinds)("$name", (kind) => {
  it("sees a cancel made while it runs through ctx.canceled and ctx.throwIfCanceled", async () => {
    const log: unknown[] = [];
    const self: AnyOp = kind.run(function* (ctx) {
      yield Promise.resolve();
      self.cancel();
      log.push(ctx.canceled);
      try {
        ctx.throwIfCanceled();
      } catch (error) {
        log.push(error instanceof CanceledError);
      }
    });
    await waitFor(() => log.length === 2);
    expect(log).toEqual([true, true]);
    expect(self.status).toBe(AsyncStatus.canceled);
  });

  it("aborts ctx.signal, which other work was given, when canceled while waiting", async () => {
    let timer: ReturnType<typeof delay> | undefined;
    const op = kind.run(
      function* (ctx) {
        timer = delay(3_600_000, { signal: ctx.signal });
        yield* wait(timer);
      },
      { propagateCancellation: false },
    );
    op.cancel();
    // Without propagation, the one-hour timer still ends: through the signal it was given.
    expect(timer!.status).toBe(AsyncStatus.canceled);
    await settle();
  });
});
