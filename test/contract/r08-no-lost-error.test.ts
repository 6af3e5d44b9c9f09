// Issue 8 item 8 (DESIGN 2.7): every failure is observed or reported. An input that already failed, given to a
// combinator whose operation is canceled in the same turn, reaches nobody through the combinator: it goes to the
// unobserved-error report, exactly once. A failure the combinator does pass on counts as observed (not reported).
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, whenAll, whenAny, withTimeout } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";

const combinators: Array<[string, (input: AnyOp) => AnyOp]> = [
  ["whenAll", (input) => whenAll([input]) as unknown as AnyOp],
  ["whenAny", (input) => whenAny([input]) as unknown as AnyOp],
  ["withTimeout", (input) => withTimeout(input, 60_000) as unknown as AnyOp],
];

describe.each(kinds)("$name", (kind) => {
  describe.each(combinators)("%s", (_name, combine) => {
    it("reports an input that already failed when the combined operation is canceled in the same turn", async () => {
      const unobserved = captureUnobserved();
      const error = new Error("failed before anybody looked");
      const failed = kind.fromError(error);
      const combined = combine(failed);
      combined.cancel();
      expect(await rejection(combined)).toBeInstanceOf(CanceledError);
      await settle();
      await settle();
      expect(unobserved).toEqual([{ error, operation: failed }]);
    });

    it("reports an input that failed synchronously in its body, given to a combination canceled at once", async () => {
      const unobserved = captureUnobserved();
      const error = new Error("thrown at once");
      const failed = kind.run(() => {
        throw error;
      });
      const combined = combine(failed);
      combined.cancel();
      await settle();
      await settle();
      expect(unobserved).toEqual([{ error, operation: failed }]);
    });

    it("does not report a failure the combinator passed on (its operation ended in error with it)", async () => {
      const unobserved = captureUnobserved();
      const error = new Error("seen through the combination");
      const failed = kind.fromError(error);
      const combined = combine(failed);
      expect(await rejection(combined)).toBe(error);
      expect(combined.status).toBe(AsyncStatus.error);
      await settle();
      await settle();
      expect(unobserved).toEqual([]);
    });

    it("does not report a failure that somebody else observes", async () => {
      const unobserved = captureUnobserved();
      const error = new Error("awaited elsewhere");
      const failed = kind.fromError(error);
      const combined = combine(failed);
      combined.cancel();
      expect(await rejection(failed)).toBe(error);
      await settle();
      await settle();
      expect(unobserved).toEqual([]);
    });

    it("does not report the inputs it canceled itself", async () => {
      const unobserved = captureUnobserved();
      const running = kind.run(() => gate().promise);
      const combined = combine(running);
      combined.cancel();
      expect(running.status).toBe(AsyncStatus.canceled);
      await settle();
      await settle();
      expect(unobserved).toEqual([]);
    });
  });
});
