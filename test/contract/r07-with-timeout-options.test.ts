// Issue 8 item 7: every combinator honours `{ signal, description }`, withTimeout included: its signal cancels the
// returned operation and, through it, the input (an already-aborted signal gives an operation that starts
// canceled and cancels the input at once), its description labels the operation, and malformed options throw
// TypeError before the input is touched.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, delay, whenAll, whenAny, withTimeout } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";

describe.each(kinds)("input of kind $name", (kind) => {
  it("withTimeout: aborting options.signal cancels the returned operation and the input, with the reason as cause", async () => {
    const controller = new AbortController();
    const input = kind.run(() => gate().promise);
    const timed = withTimeout(input, 60_000, { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    expect(timed.status).toBe(AsyncStatus.canceled);
    expect(input.status).toBe(AsyncStatus.canceled);
    const error = await rejection(timed);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("withTimeout: an already-aborted signal gives an operation that starts canceled and cancels the input", async () => {
    const controller = new AbortController();
    controller.abort();
    const input = kind.run(() => gate().promise);
    const timed = withTimeout(input, 60_000, { signal: controller.signal });
    expect(timed.status).toBe(AsyncStatus.canceled);
    expect(input.status).toBe(AsyncStatus.canceled);
    expect(await rejection(timed)).toBeInstanceOf(CanceledError);
  });

  it("withTimeout: the description labels the returned operation, which still ends as its input", async () => {
    const input = kind.run(async () => {
      await settle();
      return 4;
    });
    const timed = withTimeout(input, 60_000, { description: "fetch within a minute" });
    expect(timed.description).toBe("fetch within a minute");
    expect(await timed).toBe(kind.expected(4));
  });

  it("withTimeout: malformed options throw TypeError and leave the input alone", () => {
    const input = kind.run(() => gate().promise);
    expect(() => withTimeout(input, 10, 5 as never)).toThrow(TypeError);
    expect(() => withTimeout(input, 10, { description: 5 as never })).toThrow(TypeError);
    expect(() => withTimeout(input, 10, { signal: "now" as never })).toThrow(TypeError);
    expect(input.status).toBe(AsyncStatus.started);
    input.cancel();
  });

  it("every combinator labels its operation with options.description", () => {
    const input = kind.run(() => gate().promise);
    expect(whenAll([input], { description: "all" }).description).toBe("all");
    expect(whenAny([input], { description: "any" }).description).toBe("any");
    expect(withTimeout(input, 60_000, { description: "timed" }).description).toBe("timed");
    const waiting = delay(60_000, { description: "wait" });
    expect(waiting.description).toBe("wait");
    waiting.cancel();
    input.cancel();
  });
});
