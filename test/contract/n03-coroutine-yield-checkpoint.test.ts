// DESIGN 4.3 item 3: every yield is a cancellation checkpoint. An operation canceled while its body runs (between
// yields) does not await what the body yields next: that value is canceled (when propagation is on and it can
// be), and the body unwinds from that yield.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { foreign } from "../helpers/foreign.js";

describe.each(kinds)("$name", (kind) => {
  it("does not await what is yielded after a cancel made while the body ran; cancels it; unwinds from that yield", async () => {
    const unobserved = captureUnobserved();
    const log: string[] = [];
    let next!: AnyOp;
    const self: AnyOp = kind.run(function* () {
      try {
        yield Promise.resolve();
        self.cancel(); // canceled while running: no suspension to interrupt
        log.push(`status ${self.status}`);
        next = kind.run(async () => new Promise<number>(() => undefined));
        yield next;
        log.push("resumed after the checkpoint");
      } catch {
        log.push("catch");
      } finally {
        log.push("finally");
      }
    });
    await waitFor(() => log.includes("finally"));
    expect(log).toEqual([`status ${AsyncStatus.canceled}`, "finally"]);
    expect(next.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("leaves the yielded value running when propagateCancellation is false, and still unwinds", async () => {
    const log: string[] = [];
    const source = foreign();
    const self: AnyOp = kind.run(
      function* () {
        try {
          yield Promise.resolve();
          self.cancel();
          yield source.op;
          log.push("resumed");
        } finally {
          log.push("finally");
        }
      },
      { propagateCancellation: false },
    );
    await waitFor(() => log.includes("finally"));
    expect(log).toEqual(["finally"]);
    expect(source.counts.cancel).toBe(0);
    expect(source.op.status).toBe(AsyncStatus.started);
  });

  it("is a checkpoint even for a value that is already completed", async () => {
    const log: string[] = [];
    const self: AnyOp = kind.run(function* () {
      try {
        yield Promise.resolve();
        self.cancel();
        yield AsyncOperation.fromResult(1);
        log.push("resumed");
      } finally {
        log.push("finally");
      }
    });
    await waitFor(() => log.includes("finally"));
    expect(log).toEqual(["finally"]);
  });
});
