// Issue 8 item 1 (DESIGN 4.3 item 5): canceling the top of a 100,000-deep chain cancels every operation in it
// before cancel() returns, without growing the stack: chains through ctx.signal (options.signal of the next),
// through onCancel callbacks, and through nested whenAll, whenAny and withTimeout. Run in a child process, so
// a stack overflow fails the test instead of killing the runner.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { runScript } from "../helpers/run-script.js";

const DEPTH = 100_000;

type Shape = "signal" | "onCancel" | "whenAll" | "whenAny" | "withTimeout";

/** A script that builds a chain of `shape`, cancels its top once, and prints what it saw as JSON. */
function script(kindName: string, shape: Shape, depth: number): string {
  return `
import * as W from "winrt-async";
const K = W[${JSON.stringify(kindName)}];
const shape = ${JSON.stringify(shape)};
const depth = ${depth};
const seen = { uncaught: [], unobserved: [], rejections: [] };
process.on("uncaughtException", (error) => seen.uncaught.push(String(error && error.name)));
process.on("unhandledRejection", (error) => seen.rejections.push(String(error && error.name)));
W.onUnobservedError((error) => seen.unobserved.push(String(error && error.name)));

const ops = [];
let ended = 0;
const endsOnAbort = (signal) => new Promise((resolve) => signal.addEventListener("abort", () => { ended++; resolve(); }, { once: true }));
let top;
if (shape === "signal") {
  // ops[i + 1] runs with options.signal = ops[i]'s ctx.signal; ops[0] is the top.
  let signal;
  for (let i = 0; i < depth; i++) {
    let own;
    const op = K.run((ctx) => { own = ctx.signal; return endsOnAbort(ctx.signal); }, signal === undefined ? undefined : { signal });
    ops.push(op);
    signal = own;
  }
  top = ops[0];
} else if (shape === "onCancel") {
  // Each op's onCancel cancels the one made before it; the last one made is the top.
  let previous;
  for (let i = 0; i < depth; i++) {
    const below = previous;
    const op = K.run((ctx) => new Promise((resolve) => ctx.onCancel(() => { ended++; below?.cancel(); resolve(); })));
    ops.push(op);
    previous = op;
  }
  top = previous;
} else {
  let op = K.run((ctx) => new Promise((resolve) => ctx.onCancel(() => { ended++; resolve(); })));
  ops.push(op);
  for (let i = 1; i < depth; i++) {
    if (shape === "whenAll") op = W.whenAll([op]);
    else if (shape === "whenAny") op = W.whenAny([op]);
    else op = W.withTimeout(op, 1e9);
    ops.push(op);
  }
  top = op;
}
const startedBefore = ops.filter((op) => op.status === W.AsyncStatus.started).length;
let threw = null;
try { top.cancel(); } catch (error) { threw = String(error && error.name); }
const startedAfter = ops.filter((op) => op.status === W.AsyncStatus.started).length;
const canceledAfter = ops.filter((op) => op.status === W.AsyncStatus.canceled).length;
const endedAtReturn = ended;
const rejection = await top.then(() => "fulfilled", (error) => error instanceof W.CanceledError ? "CanceledError" : String(error));
await new Promise((resolve) => setTimeout(resolve, 0));
await new Promise((resolve) => setTimeout(resolve, 0));
console.log(JSON.stringify({ startedBefore, threw, startedAfter, canceledAfter, endedAtReturn, rejection, ...seen }));
`;
}

const shapes: readonly Shape[] = ["signal", "onCancel", "whenAll", "whenAny", "withTimeout"];

describe.each(kinds)("$name", (kind) => {
  it.each(shapes)(`cancels a chain of ${DEPTH} linked through %s completely, inside cancel(), with no error`, (shape) => {
    const result = runScript(script(kind.name, shape, DEPTH), 60_000);
    expect(result.stderr).toBe("");
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen).toEqual({
      startedBefore: DEPTH,
      threw: null,
      startedAfter: 0,
      canceledAfter: DEPTH,
      // Every body's own cancellation hook (the signal's abort, or its onCancel) ran before cancel() returned;
      // a combinator chain has one body of the kind at its bottom.
      endedAtReturn: shape === "signal" || shape === "onCancel" ? DEPTH : 1,
      rejection: "CanceledError",
      uncaught: [],
      unobserved: [],
      rejections: [],
    });
  }, 120_000);
});
