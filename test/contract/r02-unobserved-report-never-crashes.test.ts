// Issue 8 item 2 (DESIGN 2.7): the unobserved-error report never crashes and never drops. Failure values whose
// `stack` or `constructor` getter throws, a revoked Proxy and a Proxy whose every trap throws, thrown by a body
// nobody observes (synchronously or after awaiting) or thrown after cancel(), each reach the onUnobservedError
// listeners exactly once, with the value itself, together with the ordinary failures of the same batch; with no
// listener, each becomes exactly one warning. In a child process: a crash of the report fails the test instead of
// killing the runner.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { runScript } from "../helpers/run-script.js";

function script(kindName: string, withListener: boolean): string {
  return `
import * as W from "winrt-async";
const K = W[${JSON.stringify(kindName)}];
const withListener = ${withListener};

class TrapError extends Error {}
const throwing = () => { throw new TrapError("trap"); };
const allTrapsThrow = {
  get: throwing, set: throwing, has: throwing, deleteProperty: throwing, ownKeys: throwing,
  getOwnPropertyDescriptor: throwing, defineProperty: throwing, getPrototypeOf: throwing,
  setPrototypeOf: throwing, isExtensible: throwing, preventExtensions: throwing, apply: throwing, construct: throwing,
};
function makeValues() {
  const stackGetter = new Error("stack getter throws");
  Object.defineProperty(stackGetter, "stack", { get: throwing });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  return {
    "stack getter": stackGetter,
    "constructor getter": Object.defineProperty({}, "constructor", { get: throwing }),
    "revoked Proxy": revocable.proxy,
    "Proxy with throwing traps": new Proxy({}, allTrapsThrow),
    "ordinary Error": new Error("ordinary"),
  };
}

const expected = new Map(); // operation -> { label, value }
const received = [];
const warnings = [];
const problems = [];
process.on("uncaughtException", (error) => problems.push("uncaught " + (error instanceof TrapError ? "TrapError" : String(error?.name))));
process.on("unhandledRejection", () => problems.push("unhandledRejection"));
process.on("warning", (warning) => { if (warning.name === "UnobservedAsyncError") warnings.push(warning.message.length > 0); });
if (withListener) W.onUnobservedError((error, operation) => received.push({ error, operation }));

const gates = [];
for (const [label, value] of Object.entries(makeValues())) {
  let op;
  try {
    op = K.run(() => { throw value; });
  } catch (error) {
    problems.push("run threw for " + label);
  }
  if (op) expected.set(op, { label: label + ", synchronous throw", value });
  const later = K.run(async () => { await null; throw value; });
  expected.set(later, { label: label + ", after awaiting", value });
  let open;
  const gate = new Promise((resolve) => { open = resolve; });
  const canceled = K.run(async () => { await gate; throw value; });
  canceled.cancel();
  gates.push(open);
  expected.set(canceled, { label: label + ", thrown after cancel", value });
}
for (const open of gates) open();
for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
await new Promise((resolve) => setImmediate(resolve));

const seen = new Map();
for (const { error, operation } of received) {
  const entry = expected.get(operation);
  if (entry === undefined) { problems.push("a report for an unknown operation"); continue; }
  if (error !== entry.value) problems.push("another value for " + entry.label);
  seen.set(entry.label, (seen.get(entry.label) ?? 0) + 1);
}
const counts = [...expected.values()].map(({ label }) => [label, seen.get(label) ?? 0]);
console.log(JSON.stringify({ problems, counts, warnings: warnings.length, expected: expected.size }));
`;
}

describe.each(kinds)("$name", (kind) => {
  it("reports each hostile failure value to the listeners exactly once, and the rest of the batch too", () => {
    const result = runScript(script(kind.name, true));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { problems: string[]; counts: [string, number][]; warnings: number; expected: number };
    expect(out.problems).toEqual([]);
    expect(out.expected).toBe(15);
    expect(out.counts.filter(([, count]) => count !== 1)).toEqual([]);
    expect(out.warnings).toBe(0);
  });

  it("with no listener, turns each hostile failure value into exactly one warning, without crashing", () => {
    const result = runScript(script(kind.name, false));
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { problems: string[]; warnings: number; expected: number };
    expect(out.problems).toEqual([]);
    expect(out.warnings).toBe(out.expected);
    expect(out.expected).toBe(15);
  });
});
