// Case 101: then/catch/finally chain as native promises do (then's value, a throw rejects with that value, catch rethrow, finally replaces only when it throws). WinJS `done(c, e, p)` is not covered: DESIGN has no `done` (a WinJS view comes later, section 4).
import { describe, expect, it } from "vitest";
import { CanceledError } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

type Make = (kind: Kind, outcome: { value: number } | { error: unknown }) => { op: AnyOp; start(): void };

// Each rule runs on an operation that is still running when the chain is built and on one already settled.
const timings: ReadonlyArray<{ name: string; make: Make }> = [
  {
    name: "pending",
    make: (kind, outcome) => {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        if ("error" in outcome) throw outcome.error;
        return outcome.value;
      });
      return { op, start: () => g.open() };
    },
  },
  {
    name: "settled",
    make: (kind, outcome) => ({
      op: "error" in outcome ? kind.fromError(outcome.error) : kind.run(() => outcome.value),
      start: () => undefined,
    }),
  },
];

async function outcome(promise: Promise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (value: unknown) => ({ ok: false, value }),
  );
}

describe.each(kinds)("$name", (kind) => {
  describe.each(timings)("$name", ({ make }) => {
    it("then(() => 42) resolves 42 and returns a native Promise", async () => {
      const { op, start } = make(kind, { value: 7 });
      const chained = op.then(() => 42);
      expect(chained).toBeInstanceOf(Promise);
      start();
      await expect(chained).resolves.toBe(42);
    });

    it("then(v => v) passes the result on", async () => {
      const { op, start } = make(kind, { value: 7 });
      const chained = op.then((value) => value);
      start();
      await expect(chained).resolves.toBe(kind.expected(7));
    });

    it("a throw inside then rejects with that very value", async () => {
      const thrown = { not: "an Error" };
      const { op, start } = make(kind, { value: 7 });
      const chained = op.then(() => {
        throw thrown;
      });
      start();
      expect(await outcome(chained)).toEqual({ ok: false, value: thrown });
      expect((await outcome(chained)).value).toBe(thrown);
    });

    it("the rejection handler is not called for a success; catch is skipped", async () => {
      const { op, start } = make(kind, { value: 7 });
      let rejections = 0;
      const viaThen = op.then(
        () => "fulfilled",
        () => {
          rejections++;
          return "rejected";
        },
      );
      const viaCatch = op.catch(() => {
        rejections++;
        return "caught";
      });
      start();
      expect(await viaThen).toBe("fulfilled");
      expect(await viaCatch).toBe(kind.expected(7));
      expect(rejections).toBe(0);
    });

    it("the fulfillment handler is not called for a failure; the rejection handler gets the error", async () => {
      const error = new Error("failed");
      const { op, start } = make(kind, { error });
      let fulfillments = 0;
      const chained = op.then(
        () => {
          fulfillments++;
        },
        (reason: unknown) => reason,
      );
      start();
      expect(await chained).toBe(error);
      expect(fulfillments).toBe(0);
    });

    it("catch that rethrows propagates the same error; catch that returns recovers", async () => {
      const error = new Error("failed");
      const { op, start } = make(kind, { error });
      const rethrown = op.catch((reason: unknown) => {
        throw reason;
      });
      const recovered = op.catch(() => "recovered");
      start();
      expect((await outcome(rethrown)).value).toBe(error);
      expect((await outcome(rethrown)).ok).toBe(false);
      await expect(recovered).resolves.toBe("recovered");
    });

    it("finally that throws replaces the outcome, success or failure", async () => {
      const replacement = new Error("from finally");
      const good = make(kind, { value: 7 });
      const bad = make(kind, { error: new Error("original") });
      const fromGood = good.op.finally(() => {
        throw replacement;
      });
      const fromBad = bad.op.finally(() => {
        throw replacement;
      });
      good.start();
      bad.start();
      expect(await outcome(fromGood)).toEqual({ ok: false, value: replacement });
      expect((await outcome(fromBad)).value).toBe(replacement);
    });

    it("finally that returns a value does not change the outcome", async () => {
      const error = new Error("original");
      const good = make(kind, { value: 7 });
      const bad = make(kind, { error });
      let calls = 0;
      const fromGood = good.op.finally(() => {
        calls++;
        return 99;
      });
      const fromBad = bad.op.finally(() => {
        calls++;
        return 99;
      });
      good.start();
      bad.start();
      expect(await outcome(fromGood)).toEqual({ ok: true, value: kind.expected(7) });
      const badOutcome = await outcome(fromBad);
      expect(badOutcome.ok).toBe(false);
      expect(badOutcome.value).toBe(error);
      expect(calls).toBe(2);
    });
  });

  it("a canceled operation rejects the chain with CanceledError, skipping fulfillment handlers", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 7;
    });
    let fulfillments = 0;
    const chained = op
      .then(() => {
        fulfillments++;
      })
      .then(() => {
        fulfillments++;
      });
    op.cancel();
    g.open();
    const result = await outcome(chained);
    expect(result.ok).toBe(false);
    expect(result.value).toBeInstanceOf(CanceledError);
    expect(fulfillments).toBe(0);
  });
});
