// One library even when loaded twice: the ESM build (dist/index.js) and the CommonJS build (dist/index.cjs) in one
// process are two copies with their own classes. `instanceof` on our error and operation classes recognizes
// instances from either copy, and both copies share one `onUnobservedError` registry. Whole-process tests: the
// two builds, as a user's process would load them.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const cjsEntry = resolve(import.meta.dirname, "../../dist/index.cjs");

/** Runs `body` with `esm` (the ESM build) and `cjs` (the CommonJS build) in scope; `report(value)` prints JSON. */
function withBothBuilds(body: string): { result: unknown; stderr: string; status: number | null } {
  const run = runScript(`import * as esm from "winrt-async";
import { createRequire } from "node:module";
const cjs = createRequire(import.meta.url)(${JSON.stringify(cjsEntry)});
if (esm.AsyncOperation === cjs.AsyncOperation) throw new Error("expected two copies of the library");
const report = (value) => console.log(JSON.stringify(value));
${body}
`);
  const lines = run.stdout.trim().split("\n");
  return { result: run.status === 0 ? JSON.parse(lines[lines.length - 1] ?? "null") : run.stdout, stderr: run.stderr, status: run.status };
}

const errorClasses = [
  "AsyncError",
  "CanceledError",
  "IllegalMethodCallError",
  "IllegalStateChangeError",
  "IllegalDelegateAssignmentError",
  "TimeoutError",
];
const kinds = ["AsyncAction", "AsyncActionWithProgress", "AsyncOperation", "AsyncOperationWithProgress"];

describe("one library even when loaded twice (ESM and CommonJS builds in one process)", () => {
  it("an error of either copy is an instance of the other copy's class and of its base, and of no other class", () => {
    const { result, stderr, status } = withBothBuilds(`
const classes = ${JSON.stringify(errorClasses)};
const rows = [];
for (const [from, to] of [[esm, cjs], [cjs, esm]]) {
  for (const made of classes) {
    const error = new from[made]("x");
    rows.push({ made, matches: classes.filter((name) => error instanceof to[name]) });
  }
}
report(rows);
`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const expected = errorClasses.map((made) => ({ made, matches: made === "AsyncError" ? ["AsyncError"] : ["AsyncError", made] }));
    expect(result).toEqual([...expected, ...expected]);
  });

  it("errors the other copy rejects with are recognized by instanceof, hresultOf and isCanceledError", () => {
    const { result, stderr, status } = withBothBuilds(`
const canceled = await cjs.AsyncOperation.canceled().then(() => null, (e) => e);
const op = cjs.AsyncAction.run(() => new Promise(() => {}));
op.cancel();
const viaAwait = await op.then(() => null, (e) => e);
const timeout = await cjs.withTimeout(new Promise(() => {}), 1).then(() => null, (e) => e);
report({
  canceled: canceled instanceof esm.CanceledError && canceled instanceof esm.AsyncError,
  viaAwait: viaAwait instanceof esm.CanceledError,
  timeout: timeout instanceof esm.TimeoutError && !(timeout instanceof esm.CanceledError),
  hresult: esm.hresultOf(timeout) === esm.HResult.ERROR_TIMEOUT && esm.hresultOf(new cjs.AsyncError("x", { hresult: 5 })) === 5,
  isCanceled: esm.isCanceledError(canceled) && cjs.isCanceledError(new esm.CanceledError()),
});
`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(result).toEqual({ canceled: true, viaAwait: true, timeout: true, hresult: true, isCanceled: true });
  });

  it("an operation of either copy is an instance of the other copy's class of the same kind only, for all four kinds", () => {
    const { result, stderr, status } = withBothBuilds(`
const kinds = ${JSON.stringify(kinds)};
const rows = [];
for (const [from, to] of [[esm, cjs], [cjs, esm]]) {
  for (const kind of kinds) {
    const op = from[kind].fromResult(1);
    rows.push({ kind, matches: kinds.filter((name) => op instanceof to[name]) });
  }
}
report(rows);
`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const expected = kinds.map((kind) => ({ kind, matches: [kind] }));
    expect(result).toEqual([...expected, ...expected]);
  });

  it("instanceof stays false for look-alikes and keeps ordinary semantics for a user's subclass", () => {
    const { result, stderr, status } = withBothBuilds(`
class AppCanceled extends esm.CanceledError {}
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const outcome = (f) => { try { return f(); } catch (e) { return e instanceof TypeError ? "TypeError" : "other"; } };
const trapping = new Proxy({}, { get() { throw new Error("trap"); } });
report({
  plainError: new Error("x") instanceof esm.AsyncError,
  lookAlike: Object.assign(new Error("x"), { name: "CanceledError", hresult: esm.HResult.ERROR_CANCELLED }) instanceof cjs.CanceledError,
  primitives: [null, undefined, 1, "CanceledError"].some((v) => v instanceof esm.CanceledError),
  revokedProxy: [outcome(() => revoked.proxy instanceof Error), outcome(() => revoked.proxy instanceof esm.AsyncError)],
  throwingGetTrap: trapping instanceof cjs.CanceledError,
  promise: Promise.resolve(1) instanceof cjs.AsyncOperation,
  subclassOfOther: new cjs.CanceledError() instanceof AppCanceled,
  subclassInstance: new AppCanceled() instanceof cjs.CanceledError && new AppCanceled() instanceof AppCanceled,
});
`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(result).toEqual({
      plainError: false,
      lookAlike: false,
      primitives: false,
      // As native `instanceof` does for a revoked Proxy (whose prototype cannot be read): a TypeError.
      revokedProxy: ["TypeError", "TypeError"],
      throwingGetTrap: false,
      promise: false,
      subclassOfOther: false,
      subclassInstance: true,
    });
  });

  it("one onUnobservedError registry: a listener through either copy gets the other copy's failures, and no warning is printed", () => {
    const { result, stderr, status } = withBothBuilds(`
const seen = [];
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
{
  const subscription = esm.onUnobservedError((error) => seen.push("esm listener: " + error.message));
  cjs.AsyncOperation.run(() => { throw new Error("from cjs"); });
  await tick();
  subscription[Symbol.dispose]();
}
{
  const subscription = cjs.onUnobservedError((error) => seen.push("cjs listener: " + error.message));
  esm.AsyncOperation.run(() => { throw new Error("from esm"); });
  await tick();
  subscription[Symbol.dispose]();
}
report(seen);
`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(result).toEqual(["esm listener: from cjs", "cjs listener: from esm"]);
  });

  it("with no listener in either copy, each copy's failure is reported once, as a process warning", () => {
    const { result, stderr, status } = withBothBuilds(`
const subscription = cjs.onUnobservedError(() => {});
subscription[Symbol.dispose]();
esm.AsyncOperation.run(() => { throw new Error("first"); });
cjs.AsyncOperation.run(() => { throw new Error("second"); });
await new Promise((resolve) => setTimeout(resolve, 5));
report("done");
`);
    expect(status).toBe(0);
    expect(result).toBe("done");
    expect(stderr.match(/UnobservedAsyncError/g)).toHaveLength(2);
    expect(stderr).toContain("first");
    expect(stderr).toContain("second");
  });
});
