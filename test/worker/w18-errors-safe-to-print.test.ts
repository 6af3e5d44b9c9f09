// DESIGN 4.7 rule 10: an error that crosses from a worker is safe to print in the host: own data that a task put
// under the name of an inherited member (toString, valueOf, toJSON, ...) never shadows it, so String(err) and
// `${err}` work; the other own data still crosses.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("errors from a worker are safe to print", () => {
  it("own data named toString/valueOf/toJSON does not shadow the members; other data crosses", async () => {
    await using pool = fixturePool();
    const op = pool.run("fail", "shadowing");
    const error = (await op.then(
      () => undefined,
      (reason: unknown) => reason,
    )) as Error & { code?: unknown };
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(Error);
    expect(() => String(error)).not.toThrow();
    expect(String(error)).toBe("Error: shadowing members");
    expect(`${error}`).toBe("Error: shadowing members");
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(Object.hasOwn(error, "toString")).toBe(false);
    expect(Object.hasOwn(error, "valueOf")).toBe(false);
    expect(error.code).toBe("E_CONFIG");
    expect(() => String(op.errorCode)).not.toThrow();
  });
});
