// toPromise / progressUpdates input rule (DESIGN 1.3): something that is not WinRT-shaped (null, 42, {}, a plain promise) throws TypeError synchronously.
import { describe, expect, it } from "vitest";
import { progressUpdates, toPromise } from "../../src/index.js";

const inputs: ReadonlyArray<{ name: string; value: unknown }> = [
  { name: "null", value: null },
  { name: "undefined", value: undefined },
  { name: "42", value: 42 },
  { name: "a string", value: "op" },
  { name: "{}", value: {} },
  { name: "a native promise", value: Promise.resolve(1) },
  { name: "an object missing getResults", value: { status: 0, completed: null, cancel() {} } },
];

describe.each(inputs)("$name", ({ value }) => {
  it("makes toPromise throw TypeError synchronously", () => {
    expect(() => toPromise(value as never)).toThrow(TypeError);
  });

  it("makes progressUpdates throw TypeError synchronously", () => {
    expect(() => progressUpdates(value as never)).toThrow(TypeError);
  });
});
