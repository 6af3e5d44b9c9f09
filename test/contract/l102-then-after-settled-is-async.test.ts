// Case 102 [decision]: a continuation registered on a settled operation (then/catch/finally/await/toPromise) runs after the registering code finishes, never during registration.
import { describe, expect, it } from "vitest";
import { toPromise } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";
import { asWinRT } from "../helpers/foreign.js";

const endings: ReadonlyArray<{ name: string; make: (kind: Kind) => AnyOp }> = [
  { name: "completed", make: (kind) => kind.run(() => 1) },
  { name: "error", make: (kind) => kind.fromError(new Error("failed")) },
  { name: "canceled", make: (kind) => kind.canceled() },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(endings)("$name", ({ make }) => {
    it("runs then/catch/finally/toPromise continuations only after the registering code finished", async () => {
      const op = make(kind);
      const log: string[] = [];
      log.push("before");
      const chains = [
        op.then(
          () => log.push("then"),
          () => log.push("then"),
        ),
        op.catch(() => log.push("catch")).then(() => undefined),
        op.finally(() => log.push("finally")).catch(() => undefined),
        toPromise(asWinRT(op)).then(
          () => log.push("toPromise"),
          () => log.push("toPromise"),
        ),
      ];
      log.push("after");
      expect(log).toEqual(["before", "after"]);
      await Promise.all(chains);
      await microtasks();
      expect(log.slice(0, 2)).toEqual(["before", "after"]);
      expect(log).toContain("then");
      expect(log).toContain("finally");
      expect(log).toContain("toPromise");
    });

    it("resumes an `await` of it only after the code that follows the call in the caller ran", async () => {
      const op = make(kind);
      const log: string[] = [];
      const waiter = (async () => {
        log.push("await");
        await op.then(
          () => undefined,
          () => undefined,
        );
        log.push("resumed");
      })();
      log.push("caller continues");
      await waiter;
      expect(log).toEqual(["await", "caller continues", "resumed"]);
    });
  });
});
