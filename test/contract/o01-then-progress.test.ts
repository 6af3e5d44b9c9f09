// DESIGN 4.4: then(onComplete, onError, onProgress) on our operations. The third argument subscribes to progress as
// the WinRT JavaScript projection's then does: every value reported from then until the operation ends, in order,
// synchronously, after the progress handler; nothing after it ended. The first two arguments keep Promises/A+.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, progressKinds, asProgress, type AnyOp } from "../helpers/kinds.js";
import { captureListenerErrors, gate, settle } from "../helpers/fixtures.js";

type ThenWithProgress = (
  onComplete?: ((value: unknown) => unknown) | null,
  onError?: ((reason: unknown) => unknown) | null,
  onProgress?: ((progress: number) => void) | null,
) => Promise<unknown>;

function then3(op: AnyOp): ThenWithProgress {
  return (op.then as unknown as ThenWithProgress).bind(op);
}

describe.each(progressKinds)("$name", (kind) => {
  it("delivers every progress value reported while running to then's third argument, synchronously, after the handler", async () => {
    const log: string[] = [];
    const g = gate();
    let report!: (value: number) => void;
    const op = kind.run(async (ctx) => {
      report = (value) => ctx.report(value);
      await g.promise;
      return 1;
    });
    asProgress(op).progress = (_op, value) => log.push(`handler ${value}`);
    const done = then3(op)(
      (value) => log.push(`complete ${String(value)}`),
      undefined,
      (value) => log.push(`then ${value}`),
    );
    report(1);
    log.push("after report 1");
    report(2);
    g.open();
    await done;
    expect(log).toEqual([
      "handler 1",
      "then 1",
      "after report 1",
      "handler 2",
      "then 2",
      `complete ${String(kind.expected(1))}`,
    ]);
  });

  it("stops delivering once the operation ended, and sees nothing reported before then was called", async () => {
    const seen: number[] = [];
    let report!: (value: number) => void;
    const g = gate();
    const op = kind.run(async (ctx) => {
      report = (value) => ctx.report(value);
      await g.promise;
    });
    report(0);
    const done = then3(op)(undefined, undefined, (value) => seen.push(value));
    report(1);
    op.cancel();
    report(2);
    await done.catch(() => undefined);
    expect(seen).toEqual([1]);
  });

  it("ignores a third argument that is not a function, as then ignores its other arguments", async () => {
    const op = kind.run(() => 5);
    expect(await then3(op)(undefined, undefined, 42 as never)).toBe(kind.expected(5));
  });

  it("gives a throwing progress callback's error to the listener-error report and keeps going", async () => {
    const errors = captureListenerErrors();
    const boom = new Error("progress boom");
    const seen: number[] = [];
    let report!: (value: number) => void;
    const op = kind.run(async (ctx) => {
      report = (value) => ctx.report(value);
      await settle();
    });
    void then3(op)(undefined, undefined, () => {
      throw boom;
    });
    asProgress(op).onProgress((value) => seen.push(value));
    report(3);
    expect(errors).toEqual([boom]);
    expect(seen).toEqual([3]);
    await op;
  });
});

describe.each(kinds)("$name", (kind) => {
  it("then with a progress callback still settles like Promise.prototype.then (status after await)", async () => {
    const op = kind.run(async () => 3);
    const value = await then3(op)((v) => v, undefined, () => undefined);
    expect(value).toBe(kind.expected(3));
    expect(op.status).toBe(AsyncStatus.completed);
  });
});
