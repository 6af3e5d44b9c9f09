// Case 2: run calls the body synchronously (hot start) up to its first suspension; the op is started when run returns.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("runs the body up to its first await before run returns, and is started", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async () => {
      log.push("body-start");
      await g.promise;
      log.push("body-resumed");
      return 123;
    });
    log.push("after-create");
    expect(log).toEqual(["body-start", "after-create"]);
    expect(op.status).toBe(AsyncStatus.started);
    g.open();
    await op;
    expect(log).toEqual(["body-start", "after-create", "body-resumed"]);
  });

  it("calls the body exactly once, synchronously, with a context", () => {
    const contexts: unknown[] = [];
    let returned = false;
    kind.run((ctx) => {
      expect(returned).toBe(false);
      contexts.push(ctx);
      return 1;
    });
    returned = true;
    expect(contexts).toHaveLength(1);
    expect(typeof contexts[0]).toBe("object");
    expect(contexts[0]).not.toBeNull();
  });
});
