// Case 82: AsyncStatus has the WinRT numeric values started 0, completed 1, canceled 2, error 3, and is frozen.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";

describe("AsyncStatus", () => {
  it("has exactly the four WinRT values", () => {
    expect({ ...AsyncStatus }).toEqual({ started: 0, completed: 1, canceled: 2, error: 3 });
    expect(Object.keys(AsyncStatus)).toHaveLength(4);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(AsyncStatus)).toBe(true);
    expect(() => {
      (AsyncStatus as { started: number }).started = 5;
    }).toThrow(TypeError);
    expect(AsyncStatus.started).toBe(0);
  });
});

describe.each(kinds)("$name", (kind) => {
  it("status reads are those numbers", () => {
    expect(kind.fromResult(1).status).toBe(1);
    expect(kind.canceled().status).toBe(2);
    const failed = kind.fromError(new Error("x"));
    expect(failed.status).toBe(3);
    expect(failed.errorCode).not.toBeNull();
    expect(kind.run(() => new Promise(() => undefined)).status).toBe(0);
  });
});
