// DESIGN 1.2 (and the documented setters): malformed input throws TypeError synchronously, before anything runs.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, kinds, progressKinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("completed = 42 throws TypeError and leaves the slot free", () => {
    const op = kind.run(() => 1);
    expect(() => (op.completed = 42 as never)).toThrow(TypeError);
    expect(op.completed).toBeNull();
    expect(() => (op.completed = () => {})).not.toThrow();
  });

  it("ctx.onCancel(null) throws TypeError inside the body", () => {
    const g = gate();
    let thrown: unknown;
    const op = kind.run((ctx) => {
      try {
        ctx.onCancel(null as never);
      } catch (error) {
        thrown = error;
      }
      return g.promise;
    });
    expect(thrown).toBeInstanceOf(TypeError);
    expect(op.status).toBe(AsyncStatus.started);
    g.open();
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["a string", "body"],
    ["an object", {}],
  ])("run(%s) throws TypeError", (_label, notAFunction) => {
    expect(() => kind.run(notAFunction as never)).toThrow(TypeError);
  });

  it("run(body, { signal: {} }) throws TypeError and never calls the body", () => {
    let called = false;
    expect(() =>
      kind.run(
        () => {
          called = true;
        },
        { signal: {} as never },
      ),
    ).toThrow(TypeError);
    expect(called).toBe(false);
  });

  it("run(body, { description: 5 }) throws TypeError and never calls the body", () => {
    let called = false;
    expect(() =>
      kind.run(
        () => {
          called = true;
        },
        { description: 5 as never },
      ),
    ).toThrow(TypeError);
    expect(called).toBe(false);
  });

  it.each([
    ["42", 42],
    ["undefined", undefined],
    ["null", null],
    ["an object without then", {}],
  ])("fromPromise(%s) throws TypeError", (_label, notAPromise) => {
    expect(() => kind.fromPromise(notAPromise as never)).toThrow(TypeError);
  });
});

describe.each(progressKinds)("$name", (kind) => {
  it('progress = "x" throws TypeError and keeps the previous handler', () => {
    const g = gate();
    const op = asProgress(kind.run(() => g.promise));
    const handler = (): void => {};
    op.progress = handler;
    expect(() => (op.progress = "x" as never)).toThrow(TypeError);
    expect(op.progress).toBe(handler);
    g.open();
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 1],
  ])("onProgress(%s) throws TypeError", (_label, notAFunction) => {
    const g = gate();
    const op = asProgress(kind.run(() => g.promise));
    expect(() => op.onProgress(notAFunction as never)).toThrow(TypeError);
    g.open();
  });
});

describe("operations are made only by the producers", () => {
  it.each(kinds)("new $name() throws TypeError at run time too", (kind) => {
    const Constructor = kind.ctor as unknown as new () => unknown;
    expect(() => new Constructor()).toThrow(TypeError);
  });
});
