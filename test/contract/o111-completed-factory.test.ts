// Case 111 (DESIGN 2.8): fromResult gives a completed op: repeatable result, handler (op, 1) on a microtask after the
// assignment, cancel() a no-op.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("is completed with errorCode null and the same result on every getResults()", async () => {
    const op = kind.fromResult(5);
    expect(op).toBeInstanceOf(kind.ctor);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(5));
    expect(op.getResults()).toBe(kind.expected(5));
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(5));
  });

  it('runs the handler once, on a microtask after the assignment: ["after-set", "handler"], with (op, completed)', async () => {
    const op = kind.fromResult(5);
    const log: string[] = [];
    const calls: Array<{ sender: unknown; status: number }> = [];
    op.completed = (sender, status) => {
      log.push("handler");
      calls.push({ sender, status });
    };
    log.push("after-set");
    await microtasks();
    expect(log).toEqual(["after-set", "handler"]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sender).toBe(op);
    expect(calls[0]!.status).toBe(AsyncStatus.completed);
  });

  it("cancel() does nothing", async () => {
    const op = kind.fromResult(5);
    expect(() => op.cancel()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(5));
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(5));
  });

  it("keeps an object result by identity (operations)", () => {
    const value = { n: 1 };
    const op = kind.fromResult(value as never);
    expect(op.getResults()).toBe(kind.hasResult ? value : undefined);
  });
});
