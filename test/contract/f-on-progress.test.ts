// DESIGN 1.2, 2.5 #14: onProgress listeners get (value) after the progress handler, in order; each Disposable
// removes only its own listener; a terminal op registers nothing; report() never throws.
import { describe, expect, it } from "vitest";
import { AsyncStatus, IllegalMethodCallError } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, settle } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(progressKinds)("$name", (kind) => {
  function started(): { op: ReturnType<typeof asProgress>; report: (value: number) => void; finish: () => void } {
    const g = gate();
    let report!: (value: number) => void;
    const op = asProgress(
      kind.run((ctx) => {
        report = (value) => ctx.report(value);
        return g.promise;
      }),
    );
    return { op, report, finish: () => g.open() };
  }

  it("calls listeners with exactly (value), in registration order, after the progress handler", () => {
    const { op, report, finish } = started();
    const log: unknown[] = [];
    op.onProgress((...args: unknown[]) => log.push(["a", ...args]));
    op.progress = (_sender, value) => log.push(["handler", value]);
    op.onProgress((...args: unknown[]) => log.push(["b", ...args]));
    report(1);
    report(2);
    expect(log).toEqual([
      ["handler", 1],
      ["a", 1],
      ["b", 1],
      ["handler", 2],
      ["a", 2],
      ["b", 2],
    ]);
    finish();
  });

  it("does not use up the progress handler slot: listeners and the handler coexist", () => {
    const { op, report, finish } = started();
    const seen: string[] = [];
    op.onProgress(() => seen.push("listener"));
    expect(op.progress).toBeNull();
    op.progress = () => seen.push("handler");
    report(1);
    expect(seen).toEqual(["handler", "listener"]);
    finish();
  });

  it("each returned Disposable removes only its own listener, even for the same function added twice", () => {
    const { op, report, finish } = started();
    const seen: string[] = [];
    const shared = (value: number): void => void seen.push(`shared:${value}`);
    const first = op.onProgress(shared);
    op.onProgress(shared);
    const other = op.onProgress((value) => seen.push(`other:${value}`));

    report(1);
    expect(seen).toEqual(["shared:1", "shared:1", "other:1"]);

    seen.length = 0;
    first[Symbol.dispose]();
    report(2);
    expect(seen).toEqual(["shared:2", "other:2"]);

    seen.length = 0;
    first[Symbol.dispose]();
    report(3);
    expect(seen).toEqual(["shared:3", "other:3"]);

    seen.length = 0;
    other[Symbol.dispose]();
    report(4);
    expect(seen).toEqual(["shared:4"]);
    finish();
  });

  describe.each(terminalCases)("on a $label op", (terminal) => {
    it("registers nothing: returns a Disposable, never calls the listener, even if the body's ctx reports later", async () => {
      captureListenerErrors();
      let report!: (value: number) => void;
      const g = gate();
      const op = asProgress(
        kind.run(async (ctx) => {
          report = (value) => ctx.report(value);
          await g.promise;
          if (terminal.status === AsyncStatus.error) throw new Error("late");
          return 1;
        }),
      );
      if (terminal.status === AsyncStatus.canceled) op.cancel();
      else g.open();
      await op.then(
        () => undefined,
        () => undefined,
      );
      expect(op.status).toBe(terminal.status);

      const seen: number[] = [];
      const subscription = op.onProgress((value) => seen.push(value));
      expect(typeof subscription[Symbol.dispose]).toBe("function");
      report(1);
      expect(() => subscription[Symbol.dispose]()).not.toThrow();
      g.open();
      await settle();
      expect(seen).toEqual([]);
    });

    it("registers nothing on a factory-made op either", () => {
      const { op } = terminal.make(kind);
      const progressOp = asProgress(op);
      const subscription = progressOp.onProgress(() => {
        throw new Error("never called");
      });
      expect(() => subscription[Symbol.dispose]()).not.toThrow();
      expect(progressOp.status).toBe(terminal.status);
      void op.then(undefined, () => undefined);
    });
  });

  it("report() never throws: not with throwing handler and listener, not after completion, not after close", async () => {
    const reported = captureListenerErrors();
    const g = gate();
    let report!: (value: number) => void;
    const op = asProgress(
      kind.run((ctx) => {
        report = (value) => ctx.report(value);
        return g.promise;
      }),
    );
    op.progress = () => {
      throw new Error("handler");
    };
    op.onProgress(() => {
      throw new Error("listener");
    });
    expect(() => report(1)).not.toThrow();
    expect(reported).toHaveLength(2);

    g.open();
    await op;
    expect(() => report(2)).not.toThrow();
    op.close();
    expect(() => report(3)).not.toThrow();
    expect(reported).toHaveLength(2);
  });

  it("throws IllegalMethodCallError after close", () => {
    const op = asProgress(kind.run(() => 1));
    op.close();
    let caught: unknown;
    try {
      op.onProgress(() => {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalMethodCallError);
  });
});
