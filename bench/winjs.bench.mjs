// WinJSPromise (winrt-async/winjs) against WinJS's own WinJS.Promise (the `winjs` npm package, loaded into this
// process), side by side on then-chains and join. Contenders run interleaved for several rounds; the table shows
// the best round, the spread of the rounds, and the ratio to WinJS (below 1.00x: ours is faster). Many short rounds
// rather than a few long ones: on a shared machine the best of them is the one least disturbed.
// Standalone: `node bench/winjs.bench.mjs` (`--smoke`: every scenario once at a tiny size, numbers meaningless;
// `--only=text`: only the scenarios whose name contains it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { WinJSPromise } from "../dist/winjs/index.js";
import { printHeader, printTable, summarize } from "./common.mjs";

/**
 * Loads WinJS's base.js (which holds WinJS.Promise) into this realm. It expects a browser-like global: it finds
 * the global object through `global` and reads `navigator.platform` while loading, so a minimal `navigator` is
 * provided when the runtime has none (Node 20). Nothing else is needed for the Promise part.
 */
export function loadWinJS() {
  if (globalThis.WinJS?.Promise) return globalThis.WinJS;
  if (globalThis.navigator === undefined) {
    Object.defineProperty(globalThis, "navigator", { value: { platform: "", userAgent: "node" }, configurable: true });
  }
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("winjs/js/base.js"), "utf8");
  vm.runInThisContext(source, { filename: "winjs/js/base.js" });
  if (typeof globalThis.WinJS?.Promise !== "function") throw new Error("winjs/js/base.js did not define WinJS.Promise");
  return globalThis.WinJS;
}

/**
 * The scenarios. Each body is compiled once per contender (`new Function`), so the two implementations never share
 * call sites: a site that sees both classes would be polymorphic and measure V8's inline caches, not the promises.
 * A body gets the promise class `P` and the size `n`, and throws if the work did not complete.
 */
const scenarios = [
  {
    name: "then-chain on a pending promise, completed once",
    unit: "ns/link",
    size: 10_000,
    body: `
      let complete;
      const source = new P((c) => { complete = c; });
      let tail = source;
      for (let i = 0; i < n; i++) tail = tail.then((value) => value + 1);
      let result = -1;
      tail.then((value) => { result = value; });
      complete(0);
      if (result !== n) throw new Error("chain ended with " + result);`,
  },
  {
    name: "then-chain on completed promises (synchronous path)",
    unit: "ns/link",
    size: 50_000,
    body: `
      let tail = P.wrap(0);
      for (let i = 0; i < n; i++) tail = tail.then((value) => value + 1);
      let result = -1;
      tail.then((value) => { result = value; });
      if (result !== n) throw new Error("chain ended with " + result);`,
  },
  {
    name: "then-chain, each handler returns a promise completed later",
    unit: "ns/link",
    size: 5_000,
    body: `
      const queue = [];
      let tail = P.wrap(0);
      for (let i = 0; i < n; i++) tail = tail.then((value) => new P((complete) => queue.push(() => complete(value + 1))));
      let result = -1;
      tail.then((value) => { result = value; });
      for (let i = 0; i < queue.length; i++) queue[i]();
      if (result !== n) throw new Error("chain ended with " + result);`,
  },
  {
    name: "join over pending promises, then completed one by one",
    unit: "ns/input",
    size: 5_000,
    body: `
      const completes = new Array(n);
      const inputs = new Array(n);
      for (let i = 0; i < n; i++) inputs[i] = new P((complete) => { completes[i] = complete; });
      let result;
      P.join(inputs).then((values) => { result = values; });
      for (let i = 0; i < n; i++) completes[i](i);
      if (result === undefined || result.length !== n) throw new Error("join did not complete");`,
  },
  {
    name: "join over completed promises",
    unit: "ns/input",
    size: 10_000,
    body: `
      const inputs = new Array(n);
      for (let i = 0; i < n; i++) inputs[i] = P.wrap(i);
      let result;
      P.join(inputs).then((values) => { result = values; });
      if (result === undefined || result.length !== n) throw new Error("join did not complete");`,
  },
  {
    // Registration cost of the static error event (issue 15 #7: it was quadratic here, 20,000 took 1.8 s). WinJS's
    // event mixin scans its array on every add, so its per-listener cost grows with n too.
    name: "error event: n listeners added, one error dispatched, all removed",
    unit: "ns/listener",
    size: 5_000,
    body: `
      const listeners = new Array(n);
      let calls = 0;
      for (let i = 0; i < n; i++) listeners[i] = () => { calls++; };
      for (let i = 0; i < n; i++) P.addEventListener("error", listeners[i]);
      P.wrapError(new Error("bench"));
      for (let i = 0; i < n; i++) P.removeEventListener("error", listeners[i]);
      if (calls !== n) throw new Error("listeners called " + calls + " times");`,
  },
];

function time(run, P, size) {
  const start = process.hrtime.bigint();
  run(P, size);
  return Number(process.hrtime.bigint() - start) / size;
}

/** Runs every scenario; returns `{ scenario, unit, size, rows: [{ contender, best, spread, ratio }] }` per scenario. */
export function runWinJSBench({ rounds = 15, scale = 1, only, log = console.log } = {}) {
  const contenders = { "WinJS.Promise (winjs 4.4)": loadWinJS().Promise, "WinJSPromise (winrt-async)": WinJSPromise };
  const names = Object.keys(contenders);
  const results = [];
  for (const scenario of scenarios) {
    if (only !== undefined && !scenario.name.includes(only)) continue;
    const size = Math.max(1, Math.round(scenario.size * scale));
    const runs = Object.fromEntries(names.map((name) => [name, new Function("P", "n", scenario.body)]));
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    // A warm-up pass each, so the first contender does not pay for the JIT of the other.
    for (const name of names) time(runs[name], contenders[name], Math.min(size, 1_000));
    for (let round = 0; round < rounds; round++) {
      for (const name of names) {
        globalThis.gc?.();
        samples[name].push(time(runs[name], contenders[name], size));
      }
    }
    const rows = names.map((name) => ({ contender: name, ...summarize(samples[name]) }));
    for (const row of rows) row.ratio = row.best / rows[0].best;
    results.push({ scenario: scenario.name, unit: scenario.unit, size, rows });
    printTable(log, scenario.name, scenario.unit, size, rows);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes("--smoke");
  const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  printHeader(console.log, "WinJSPromise vs WinJS.Promise", { smoke });
  runWinJSBench(smoke ? { rounds: 1, scale: 0.001, only } : { only });
}
