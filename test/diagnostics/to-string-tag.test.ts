// DESIGN 4.5: Symbol.toStringTag names the kind, so String(op), Object.prototype.toString and every printer that
// reads the tag show which of the four it is, whatever a bundler does to the class names.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";

describe.each(kinds)("$name", (kind) => {
  it("tags every operation of the kind with the kind's name, in every status and after close", () => {
    const running = kind.run(() => new Promise(() => {}));
    const done = kind.fromResult(1);
    for (const op of [running, done, kind.canceled()]) {
      expect(Object.prototype.toString.call(op)).toBe(`[object ${kind.name}]`);
      expect(String(op)).toBe(`[object ${kind.name}]`);
    }
    done.close();
    expect((done as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag]).toBe(kind.name);
    running.cancel();
  });

  it("is a getter of the prototype, not an own property of each operation", () => {
    const op = kind.fromResult(1);
    expect(Object.getOwnPropertySymbols(op)).not.toContain(Symbol.toStringTag);
    const descriptor = Object.getOwnPropertyDescriptor(kind.ctor.prototype, Symbol.toStringTag);
    expect(typeof descriptor?.get).toBe("function");
  });
});
