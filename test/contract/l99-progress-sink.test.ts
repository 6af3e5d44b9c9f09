// Case 99: toPromise(op, { onProgress }) receives 10…100 in order, then resolves (50 for OP); on ours and on a foreign object (whose `progress` it assigns).
import { describe, expect, it } from "vitest";
import { AsyncStatus, toPromise, type AsyncProgressContext } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate } from "../helpers/fixtures.js";
import { asWinRT, foreign } from "../helpers/foreign.js";

const tens = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

describe.each(progressKinds)("$name", (kind) => {
  it("our operation: the sink gets 10…100 in order, all before the promise resolves", async () => {
    const g = gate();
    const op = kind.run(async (ctx: AsyncProgressContext<number>) => {
      await g.promise;
      for (const value of tens) ctx.report(value);
      return 50;
    });
    const log: unknown[] = [];
    const promise = toPromise(asWinRT(op), { onProgress: (value) => log.push(value) }).then((value) => {
      log.push({ resolved: value });
    });
    g.open();
    await promise;
    expect(log).toEqual([...tens, { resolved: kind.expected(50) }]);
  });

  it("our operation: the sink does not take `progress`; a handler set before still gets every value", async () => {
    const g = gate();
    const op = asProgress(
      kind.run(async (ctx: AsyncProgressContext<number>) => {
        await g.promise;
        for (const value of tens) ctx.report(value);
        return 50;
      }),
    );
    const handlerSaw: number[] = [];
    const handler = (_op: never, value: number): void => void handlerSaw.push(value);
    op.progress = handler;
    const sinkSaw: number[] = [];
    const promise = toPromise(asWinRT(op), { onProgress: (value) => sinkSaw.push(value) });
    expect(op.progress).toBe(handler);
    g.open();
    await promise;
    expect(sinkSaw).toEqual(tens);
    expect(handlerSaw).toEqual(tens);
  });

  it("foreign object: assigns its `progress`, the sink gets 10…100 in order, then it resolves", async () => {
    const f = foreign({ withProgress: true });
    const log: unknown[] = [];
    const promise = toPromise(f.op, { onProgress: (value) => log.push(value) }).then((value) => {
      log.push({ resolved: value });
    });
    expect(f.counts.progress).toBe(1);
    expect(typeof f.op.progress).toBe("function");
    for (const value of tens) f.report(value);
    f.finish(AsyncStatus.completed, kind.expected(50));
    await promise;
    expect(log).toEqual([...tens, { resolved: kind.expected(50) }]);
  });

  it("a sink that throws is reported and changes nothing", async () => {
    const errors = captureListenerErrors();
    const boom = new Error("sink failed");
    const g = gate();
    const op = kind.run(async (ctx: AsyncProgressContext<number>) => {
      await g.promise;
      for (const value of tens) ctx.report(value);
      return 50;
    });
    const seen: number[] = [];
    const promise = toPromise(asWinRT(op), {
      onProgress: (value) => {
        seen.push(value);
        throw boom;
      },
    });
    g.open();
    await expect(promise).resolves.toBe(kind.expected(50));
    expect(seen).toEqual(tens);
    expect(errors).toEqual(tens.map(() => boom));
  });
});
