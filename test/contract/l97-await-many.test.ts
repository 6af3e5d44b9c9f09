// Case 97 [decision]: one operation may be awaited any number of times, concurrently and after it ended; awaiting, toPromise and then never use up `completed` (DESIGN 1.2, 2.8).
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, toPromise, type AsyncStatus as Status } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder } from "../helpers/fixtures.js";
import { asWinRT } from "../helpers/foreign.js";

type Outcome = { ok: true; value: unknown } | { ok: false; reason: unknown };

function outcome(promise: PromiseLike<unknown>): Promise<Outcome> {
  return Promise.resolve(promise).then(
    (value) => ({ ok: true, value }),
    (reason: unknown) => ({ ok: false, reason }),
  );
}

/** Every way to await one of our operations; none of them may consume `completed`. */
function awaitEveryWay(op: AnyOp): Promise<Outcome>[] {
  const ways: Promise<Outcome>[] = [
    outcome(op),
    outcome(op),
    outcome((async () => await op)()),
    outcome(op.then()),
    outcome(op.then((value) => value)),
    outcome(op.catch((reason: unknown) => Promise.reject(reason))),
    outcome(op.finally(() => undefined)),
    outcome(toPromise(asWinRT(op))),
    outcome(toPromise(asWinRT(op))),
    outcome(toPromise(asWinRT(op), { signal: new AbortController().signal })),
  ];
  return ways;
}

const endings: ReadonlyArray<{ name: string; status: Status }> = [
  { name: "completes", status: AsyncStatus.completed },
  { name: "fails", status: AsyncStatus.error },
  { name: "is canceled", status: AsyncStatus.canceled },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(endings)("when the operation $name", ({ status }) => {
    it("settles every concurrent awaiter alike, and a handler assigned afterwards still runs once", async () => {
      captureUnobserved();
      const failure = new Error("boom");
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        if (status === AsyncStatus.error) throw failure;
        return 50;
      });
      const pending = awaitEveryWay(op);
      expect(op.completed).toBeNull();

      if (status === AsyncStatus.canceled) op.cancel();
      g.open();
      const first = await Promise.all(pending);
      // Awaiting again after the end, every way, gives the same outcome.
      const second = await Promise.all(awaitEveryWay(op));

      for (const result of [...first, ...second]) {
        if (status === AsyncStatus.completed) expect(result).toEqual({ ok: true, value: kind.expected(50) });
        else if (status === AsyncStatus.error) expect(result).toEqual({ ok: false, reason: failure });
        else {
          expect(result.ok).toBe(false);
          expect((result as { reason: unknown }).reason).toBeInstanceOf(CanceledError);
        }
      }
      if (status === AsyncStatus.error) {
        for (const result of [...first, ...second]) expect((result as { reason: unknown }).reason).toBe(failure);
      }

      const rec = recorder();
      op.completed = rec.handler;
      await microtasks();
      expect(rec.calls).toEqual([{ sender: op, status }]);
    });
  });

  it("lets a handler assigned while awaiters are pending run once, next to them", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 50;
    });
    const before = awaitEveryWay(op);
    const rec = recorder();
    op.completed = rec.handler;
    const after = awaitEveryWay(op);
    g.open();
    const results = await Promise.all([...before, ...after]);
    await microtasks();
    for (const result of results) expect(result).toEqual({ ok: true, value: kind.expected(50) });
    expect(rec.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });
});
