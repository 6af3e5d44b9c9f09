// Case 1: a body that finishes without awaiting leaves the operation terminal before creation returns.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";

describe.each(kinds)("$name", (kind) => {
  it("is completed when run returns, with errorCode null and its result readable", () => {
    const op = kind.run(() => 123);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(123));
  });
});
