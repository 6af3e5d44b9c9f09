// Issue 8 item 12: what every producer pays per operation stays small. A ctx.onCancel registration is one small
// object (its heap is measured in a child process with --expose-gc; its time is in `npm run bench`, not asserted
// here), and no path makes an AbortController unless a body reads ctx.signal: cancel, onCancel, linked signals,
// delay, the combinators, toPromise and progressUpdates with a signal all stay without one.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { runScript } from "../helpers/run-script.js";

const REGISTRATIONS = 50_000;

describe.each(kinds)("$name", (kind) => {
  it(`a ctx.onCancel registration holds at most 64 bytes (${REGISTRATIONS} on one operation)`, () => {
    const result = runScript(
      `
import * as W from "winrt-async";
const K = W[${JSON.stringify(kind.name)}];
const noop = () => {};
let context;
const op = K.run((ctx) => { context = ctx; return new Promise(noop); });
const held = new Array(${REGISTRATIONS});
gc(); gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < held.length; i++) held[i] = context.onCancel(noop);
gc(); gc();
const bytes = (process.memoryUsage().heapUsed - before) / held.length;
let calls = 0;
context.onCancel(() => calls++);
op.cancel();
console.log(JSON.stringify({ bytes, calls, status: op.status }));
`,
      60_000,
      ["--expose-gc"],
    );
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as { bytes: number; calls: number; status: number };
    expect(out.calls).toBe(1);
    expect(out.status).toBe(2);
    expect(out.bytes).toBeGreaterThan(0);
    expect(out.bytes).toBeLessThanOrEqual(64);
  }, 120_000);

  it("makes no AbortController on any path unless the body reads ctx.signal", () => {
    const result = runScript(`
let made = 0;
const Native = globalThis.AbortController;
globalThis.AbortController = class extends Native { constructor() { super(); made++; } };
const W = await import("winrt-async");
const K = W[${JSON.stringify(kind.name)}];
const never = () => new Promise(() => {});
const outer = new Native();
const counts = {};
const count = (label, fn) => { const start = made; fn(); counts[label] = made - start; };
count("run + cancel", () => K.run(never).cancel());
count("onCancel + cancel", () => K.run((ctx) => { ctx.onCancel(() => {}); return never(); }).cancel());
count("throwIfCanceled + canceled", () => K.run((ctx) => { ctx.throwIfCanceled(); return ctx.canceled ? 1 : never(); }).cancel());
count("linked options.signal", () => K.run(never, { signal: outer.signal }).cancel());
count("delay + cancel", () => W.delay(1e9).cancel());
count("whenAll + cancel", () => W.whenAll([K.run(never), never()]).cancel());
count("whenAny + cancel", () => W.whenAny([K.run(never), never()]).cancel());
count("withTimeout + cancel", () => W.withTimeout(K.run(never), 1e9).cancel());
count("toPromise with a signal", () => { const op = K.run(never); W.toPromise(op, { signal: outer.signal }).catch(() => {}); op.cancel(); });
count("ctx.signal read", () => K.run((ctx) => { void ctx.signal; return never(); }).cancel());
count("ctx.signal read after cancel", () => { let c; const op = K.run((ctx) => { c = ctx; return never(); }); op.cancel(); void c.signal; });
await new Promise((resolve) => setTimeout(resolve, 0));
console.log(JSON.stringify(counts));
`);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      "run + cancel": 0,
      "onCancel + cancel": 0,
      "throwIfCanceled + canceled": 0,
      "linked options.signal": 0,
      "delay + cancel": 0,
      "whenAll + cancel": 0,
      "whenAny + cancel": 0,
      "withTimeout + cancel": 0,
      "toPromise with a signal": 0,
      "ctx.signal read": 1,
      "ctx.signal read after cancel": 1,
    });
  });
});
