// WinJSPromise against WinJS 4.4's own WinJS.Promise (the `winjs` dev dependency): random programs of sources,
// then() with random handlers (a value, a throw, returning another promise of the program), promises following
// others (`new P((c) => c(other))`), join and any, run with random completions, errors, progress and cancels. Every
// handler and cancel hook logs what it receives; both implementations must log the same events in the same order
// (WinJS's synchronous delivery order), which is what keeps the trampolined notification passes faithful.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { realWinJSPromise, type RealWinJSPromiseClass } from "../helpers/real-winjs.js";

type Handler = null | "value" | "throw" | { readonly returns: number };

type Step =
  | { readonly kind: "source" }
  | { readonly kind: "then"; readonly on: number; readonly c: Handler; readonly e: Handler; readonly p: boolean }
  | { readonly kind: "follow"; readonly on: number }
  | { readonly kind: "join" | "any"; readonly on: readonly number[] }
  | { readonly kind: "complete" | "error" | "progress"; readonly source: number; readonly value: number }
  | { readonly kind: "cancel"; readonly on: number };

const handler = fc.oneof(
  fc.constant<Handler>(null),
  fc.constant<Handler>("value"),
  fc.constant<Handler>("throw"),
  fc.nat().map((returns): Handler => ({ returns })),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: "source" }),
  fc.record({ kind: fc.constant("then" as const), on: fc.nat(), c: handler, e: handler, p: fc.boolean() }),
  fc.record({ kind: fc.constant("follow" as const), on: fc.nat() }),
  fc.record({ kind: fc.constantFrom("join" as const, "any" as const), on: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constantFrom("complete" as const, "error" as const, "progress" as const), source: fc.nat(), value: fc.nat(99) }),
  fc.record({ kind: fc.constant("cancel" as const), on: fc.nat() }),
);

/** A program: a first source, then random steps. */
const program = fc.array(step, { minLength: 1, maxLength: 30 }).map((steps): Step[] => [{ kind: "source" }, ...steps]);

/** A value as text both implementations print alike (promises, "Canceled" errors, join and any results). */
function show(value: unknown): string {
  if (value instanceof Error) return `Error(${value.name})`;
  // WinJS's own promises are of several internal classes: the duck test names them all.
  if (typeof (value as { then?: unknown } | null)?.then === "function") return "promise";
  if (Array.isArray(value)) return `[${Object.keys(value).map((key) => `${key}=${show(value[Number(key)])}`).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).map((key) => `${key}=${show(record[key])}`).join(",")}}`;
  }
  return String(value);
}

/** Runs `steps` on a promise class and returns the log. */
function run(steps: readonly Step[], Promise: RealWinJSPromiseClass | typeof WinJSPromise): string[] {
  const P = Promise as unknown as RealWinJSPromiseClass;
  const log: string[] = [];
  const pool: ReturnType<RealWinJSPromiseClass["wrap"]>[] = [];
  const sources: { complete: (v: unknown) => void; error: (e: unknown) => void; progress: (v: unknown) => void }[] = [];
  const pick = (index: number): ReturnType<RealWinJSPromiseClass["wrap"]> => pool[index % pool.length]!;
  const act = (behaviour: Handler, id: number, what: string, input: unknown): unknown => {
    log.push(`${id}:${what}:${show(input)}`);
    if (behaviour === "value") return id * 100;
    if (behaviour === "throw") throw `thrown at ${id}`;
    return pool[(behaviour as { returns: number }).returns % id]!;
  };
  for (const entry of steps) {
    const id = pool.length;
    switch (entry.kind) {
      case "source": {
        const number = sources.length;
        pool.push(
          new P(
            (complete, error, progress) => sources.push({ complete, error, progress }),
            () => log.push(`hook ${number}`),
          ),
        );
        break;
      }
      case "then": {
        const { c, e, p } = entry;
        pool.push(
          pick(entry.on).then(
            c === null ? null : (value) => act(c, id, "c", value),
            e === null ? null : (error) => act(e, id, "e", error),
            p ? (value) => log.push(`${id}:p:${show(value)}`) : null,
          ),
        );
        break;
      }
      case "follow": {
        const followed = pick(entry.on);
        pool.push(new P((complete) => complete(followed)));
        break;
      }
      case "join":
        pool.push(P.join(entry.on.map(pick)));
        break;
      case "any":
        pool.push(P.any(entry.on.map(pick)));
        break;
      case "complete":
        sources[entry.source % sources.length]!.complete(entry.value);
        break;
      case "error":
        sources[entry.source % sources.length]!.error(`error ${entry.value}`);
        break;
      case "progress":
        sources[entry.source % sources.length]!.progress(entry.value);
        break;
      case "cancel":
        pick(entry.on).cancel();
        break;
    }
  }
  return log;
}

describe("WinJSPromise against WinJS 4.4 (differential property)", () => {
  it("logs the same handler calls and cancel hooks, in the same order, as WinJS.Promise", () => {
    captureListenerErrors();
    const Real = realWinJSPromise();
    fc.assert(
      fc.property(program, (steps) => {
        expect(run(steps, WinJSPromise)).toEqual(run(steps, Real));
      }),
      { numRuns: 1000 },
    );
  });
});
