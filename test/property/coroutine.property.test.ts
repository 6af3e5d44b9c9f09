// Laws of coroutine bodies (DESIGN 4.3) over random programs on the four kinds: a body awaits a random sequence of
// values (ready operations, plain promises, operations still running, failures, canceled operations) and the test
// cancels at a random point or never. Whatever the program and the timing:
// - without a cancel, the outcome is what the program says (the sum of the values, the first failure as itself,
//   canceled for an awaited operation that was canceled);
// - with a cancel made while the operation was started, it ends canceled, and the operation the body was waiting
//   on (if any was still running) ends canceled too;
// - the body's finally block runs exactly once, [Symbol.asyncDispose] resolves, nothing is reported as unobserved
//   and no rejection goes unhandled.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AsyncOperation, AsyncStatus, CanceledError, wait } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle, watchUnhandledRejections, type Gate } from "../helpers/fixtures.js";

type Step =
  | { readonly kind: "ready"; readonly value: number }
  | { readonly kind: "promise"; readonly value: number }
  | { readonly kind: "running"; readonly value: number }
  | { readonly kind: "fail" }
  | { readonly kind: "canceled" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("ready" as const), value: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant("promise" as const), value: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant("running" as const), value: fc.integer({ min: 0, max: 100 }) }),
  fc.constant({ kind: "fail" as const }),
  fc.constant({ kind: "canceled" as const }),
);

/** What the program ends with when nobody cancels it. */
function model(steps: readonly Step[]): { status: AsyncStatus; sum: number; failedAt: number } {
  let sum = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === "fail") return { status: AsyncStatus.error, sum, failedAt: i };
    if (s.kind === "canceled") return { status: AsyncStatus.canceled, sum, failedAt: i };
    sum += s.value;
  }
  return { status: AsyncStatus.completed, sum, failedAt: -1 };
}

describe("coroutine bodies", () => {
  it("end as the program says, or canceled with what they wait on, and always clean up once", async () => {
    const unobserved = captureUnobserved();
    const unhandled = watchUnhandledRejections();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: kinds.length - 1 }),
        fc.array(step, { maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        fc.boolean(),
        async (kindIndex, steps, cancelAt, propagate) => {
          const kind = kinds[kindIndex]!;
          const failures = steps.map((_, i) => new Error(`step ${i}`));
          const running: { gate: Gate; op: AsyncOperation<number> }[] = [];
          let waitingOn: AsyncOperation<number> | undefined;
          let finallyRuns = 0;
          const op = kind.run(
            function* () {
              let sum = 0;
              try {
                for (let i = 0; i < steps.length; i++) {
                  const s = steps[i]!;
                  switch (s.kind) {
                    case "ready":
                      sum += yield* wait(AsyncOperation.fromResult(s.value));
                      break;
                    case "promise":
                      sum += yield* wait(Promise.resolve(s.value));
                      break;
                    case "running": {
                      const g = gate();
                      const inner = AsyncOperation.run(async () => {
                        await g.promise;
                        return s.value;
                      });
                      running.push({ gate: g, op: inner });
                      waitingOn = inner;
                      sum += yield* wait(inner);
                      waitingOn = undefined;
                      break;
                    }
                    case "fail":
                      yield Promise.reject(failures[i]!);
                      break;
                    case "canceled":
                      yield AsyncOperation.canceled();
                      break;
                  }
                }
                return sum;
              } finally {
                finallyRuns++;
              }
            },
            { propagateCancellation: propagate },
          );
          const outcome = op.then(
            (value) => ({ ok: true, value }),
            (error: unknown) => ({ ok: false, value: error }),
          );
          let canceledWhileStarted = false;
          let innerAtCancel: AsyncOperation<number> | undefined;
          for (let turn = 0; turn <= 10; turn++) {
            if (turn === cancelAt) {
              canceledWhileStarted = op.status === AsyncStatus.started;
              innerAtCancel = waitingOn;
              op.cancel();
            }
            // Let the next running operation finish, if the body is waiting on one (and it was not canceled).
            const next = running.find((r) => r.op.status === AsyncStatus.started);
            next?.gate.open();
            await settle();
          }
          await op[Symbol.asyncDispose]();
          const result = await outcome;
          const expected = model(steps);
          if (canceledWhileStarted) {
            expect(result.ok).toBe(false);
            expect(result.value).toBeInstanceOf(CanceledError);
            if (innerAtCancel !== undefined && propagate) expect(innerAtCancel.status).toBe(AsyncStatus.canceled);
          } else if (expected.status === AsyncStatus.completed) {
            expect(result).toEqual({ ok: true, value: kind.expected(expected.sum) });
          } else if (expected.status === AsyncStatus.error) {
            expect(result.ok).toBe(false);
            expect(result.value).toBe(failures[expected.failedAt]);
          } else {
            expect(result.ok).toBe(false);
            expect(result.value).toBeInstanceOf(CanceledError);
          }
          expect(finallyRuns).toBe(1);
          for (const r of running) r.gate.open();
          await settle();
          expect(unobserved).toEqual([]);
          expect(unhandled).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
