// Laws of the combinators, over random inputs of every shape (our four kinds, foreign objects, plain promises),
// random outcomes and random timing:
// - whenAll keeps order and length;
// - the whenAny winner is an input (and is the first input to finish);
// - every input a combinator abandons ends canceled, unless it had already settled.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AsyncStatus, CanceledError, whenAll, whenAny } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, settle } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";

type Outcome = "ok" | "fail" | "cancel";

/** One input under the test's control. */
interface Controlled {
  /** What goes into the combinator. */
  readonly input: unknown;
  /** The value it completes with, as awaiting it gives it (undefined for actions). */
  readonly expected: unknown;
  /** The error it fails with. */
  readonly error: Error;
  /** Makes it end with `outcome` (now, if it is still running). */
  end(outcome: Outcome): void;
  /** Its status, for the inputs that have one (plain promises report undefined). */
  status(): AsyncStatus | undefined;
}

/** Shapes: 0-3 our four kinds, 4 a foreign object, 5 a plain promise (which cannot be canceled). */
const SHAPES = 6;

function controlled(shape: number, value: number): Controlled {
  const error = new Error(`input ${value} failed`);
  if (shape < kinds.length) {
    const kind = kinds[shape]!;
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return value;
    });
    return {
      input: op,
      expected: kind.expected(value),
      error,
      end: (outcome) => {
        if (outcome === "ok") g.open();
        else if (outcome === "fail") g.fail(error);
        else op.cancel();
      },
      status: () => op.status,
    };
  }
  if (shape === kinds.length) {
    const f = foreign();
    return {
      input: f.op,
      expected: value,
      error,
      end: (outcome) =>
        f.finish(
          outcome === "ok" ? AsyncStatus.completed : outcome === "fail" ? AsyncStatus.error : AsyncStatus.canceled,
          outcome === "ok" ? value : error,
        ),
      status: () => f.op.status,
    };
  }
  const g = gate();
  const promise = g.promise.then(() => value);
  return {
    input: promise,
    expected: value,
    error,
    end: (outcome) => (outcome === "ok" ? g.open() : g.fail(outcome === "fail" ? error : new CanceledError())),
    status: () => undefined,
  };
}

const shape = fc.integer({ min: 0, max: SHAPES - 1 });
const outcome = fc.constantFrom<Outcome>("ok", "fail", "cancel");

describe("whenAll keeps order and length", () => {
  it("its results are the inputs' results in input order, whatever order they complete in", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ shape, priority: fc.nat(), gap: fc.nat({ max: 3 }) }), { maxLength: 16 }),
        async (specs) => {
          const inputs = specs.map((spec, index) => controlled(spec.shape, index));
          const all = whenAll(inputs.map((item) => item.input) as PromiseLike<unknown>[]);
          const order = specs.map((spec, index) => ({ ...spec, index })).sort((a, b) => a.priority - b.priority);
          for (const step of order) {
            inputs[step.index]!.end("ok");
            await microtasks(step.gap);
          }
          const results = await all;
          expect(results).toHaveLength(inputs.length);
          expect(results).toEqual(inputs.map((item) => item.expected));
        },
      ),
    );
  });
});

describe("the whenAny winner is an input", () => {
  it("it ends as the first input to finish ends, and that input is one of its inputs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ shape, outcome, priority: fc.nat() }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (specs, cancelLosers) => {
          captureUnobserved();
          const inputs = specs.map((spec, index) => controlled(spec.shape, index));
          const any = whenAny(inputs.map((item) => item.input) as PromiseLike<unknown>[], { cancelLosers });
          const order = specs.map((spec, index) => ({ ...spec, index })).sort((a, b) => a.priority - b.priority);
          const first = order[0]!;
          inputs[first.index]!.end(first.outcome);
          // Let the first finisher be seen before anything else happens; then end the others in order.
          await settle();
          for (const step of order.slice(1)) inputs[step.index]!.end(step.outcome);
          const settled = await Promise.resolve(any).then(
            (value) => ({ ok: true, value }),
            (error: unknown) => ({ ok: false, value: error }),
          );
          const winner = inputs[first.index]!;
          if (first.outcome === "ok") {
            expect(settled).toEqual({ ok: true, value: winner.expected });
            expect(inputs.map((item) => item.expected)).toContain(settled.value);
          } else if (first.outcome === "fail") {
            expect(settled.ok).toBe(false);
            expect(settled.value).toBe(winner.error);
          } else {
            expect(settled.ok).toBe(false);
            expect(settled.value).toBeInstanceOf(CanceledError);
            expect(any.status).toBe(AsyncStatus.canceled);
          }
          await settle();
        },
      ),
    );
  });
});

describe("every abandoned input ends canceled or was already settled", () => {
  const scenario = fc.record({
    specs: fc.array(fc.record({ shape, outcome, priority: fc.nat() }), { minLength: 1, maxLength: 12 }),
    /** After how many input endings the test cancels the combined operation itself (beyond the length: never). */
    cancelAfter: fc.nat({ max: 14 }),
    combinator: fc.constantFrom("whenAll", "whenAny"),
  });

  it("after the combined operation settles, no input that can be canceled is still running", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ specs, cancelAfter, combinator }) => {
        captureUnobserved();
        const inputs = specs.map((spec, index) => controlled(spec.shape, index));
        const list = inputs.map((item) => item.input) as PromiseLike<unknown>[];
        const combined = combinator === "whenAll" ? whenAll(list) : whenAny(list);
        const ended = new Set<number>();
        const order = specs.map((spec, index) => ({ ...spec, index })).sort((a, b) => a.priority - b.priority);
        for (let step = 0; step <= order.length && combined.status === AsyncStatus.started; step++) {
          if (step === cancelAfter) {
            combined.cancel();
            break;
          }
          const next = order[step];
          if (next === undefined) break;
          inputs[next.index]!.end(next.outcome);
          ended.add(next.index);
          await settle();
        }
        await Promise.resolve(combined).then(
          () => undefined,
          () => undefined,
        );
        expect(combined.status).not.toBe(AsyncStatus.started);
        inputs.forEach((item, index) => {
          const status = item.status();
          if (status === undefined) return; // a plain promise cannot be canceled
          if (ended.has(index)) expect(status).not.toBe(AsyncStatus.started);
          else expect(status).toBe(AsyncStatus.canceled);
        });
        await settle();
      }),
    );
  });
});
