// The side-by-side benchmark suite (`npm run bench`): winrt-async against native promises and async functions,
// Bluebird (with cancellation on), p-cancelable, and a native promise plus an AbortController, in one process.
// Contenders of a scenario run interleaved (A B C A B C ...) for several rounds; the table shows the best round,
// the spread of the rounds, and the ratio to the native baseline. `--smoke` runs every scenario once at a tiny
// size (the test suite does this so the benchmarks cannot rot); it asserts nothing about time.
import { EventEmitter, on } from "node:events";
import Bluebird from "bluebird";
import PCancelable from "p-cancelable";
import { AsyncOperation, AsyncOperationWithProgress, progressUpdates } from "../dist/index.js";
import { formatWhenAllBench, runWhenAllBench, whenAllTargets } from "./when-all.bench.mjs";
import { printHeader, printTable, summarize, Targets, time } from "./common.mjs";

const smoke = process.argv.includes("--smoke");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);

Bluebird.config({ cancellation: true, warnings: false, longStackTraces: false });
const noop = () => {};

/** A scenario: contenders measured as time per iteration of a loop of `size` iterations. */
const scenarios = [
  {
    name: "create + await, async body",
    size: 200_000,
    contenders: {
      "native async fn": async (n) => {
        for (let i = 0; i < n; i++) await (async () => i)();
      },
      "winrt-async": async (n) => {
        for (let i = 0; i < n; i++) await AsyncOperation.run(async () => i);
      },
      "native + AbortController": async (n) => {
        for (let i = 0; i < n; i++) {
          const controller = new AbortController();
          await (async (signal) => (signal.aborted ? -1 : i))(controller.signal);
        }
      },
      Bluebird: async (n) => {
        for (let i = 0; i < n; i++) await Bluebird.resolve((async () => i)());
      },
      "p-cancelable": async (n) => {
        const make = PCancelable.fn(async (value) => value);
        for (let i = 0; i < n; i++) await make(i);
      },
    },
  },
  {
    name: "create + await, synchronous body",
    size: 200_000,
    contenders: {
      "native promise": async (n) => {
        for (let i = 0; i < n; i++) await new Promise((resolve) => resolve(i));
      },
      "winrt-async": async (n) => {
        for (let i = 0; i < n; i++) await AsyncOperation.run(() => i);
      },
      "native + AbortController": async (n) => {
        for (let i = 0; i < n; i++) {
          const controller = new AbortController();
          await new Promise((resolve) => resolve(controller.signal.aborted ? -1 : i));
        }
      },
      Bluebird: async (n) => {
        for (let i = 0; i < n; i++) await new Bluebird((resolve) => resolve(i));
      },
      "p-cancelable": async (n) => {
        for (let i = 0; i < n; i++) await new PCancelable((resolve) => resolve(i));
      },
    },
  },
  {
    name: "create + cancel + await",
    size: 50_000,
    contenders: {
      "native + AbortController": async (n) => {
        for (let i = 0; i < n; i++) {
          const controller = new AbortController();
          const { signal } = controller;
          const pending = new Promise((_resolve, reject) => {
            signal.addEventListener("abort", () => reject(signal.reason), { once: true });
          });
          controller.abort();
          await pending.catch(noop);
        }
      },
      "winrt-async": async (n) => {
        for (let i = 0; i < n; i++) {
          const op = AsyncOperation.run((ctx) => new Promise((resolve) => ctx.onCancel(resolve)));
          op.cancel();
          await op.catch(noop);
        }
      },
      Bluebird: async (n) => {
        // A canceled Bluebird promise never settles; its finally handlers are what runs.
        for (let i = 0; i < n; i++) {
          const p = new Bluebird((_resolve, _reject, onCancel) => onCancel(noop));
          const done = new Promise((resolve) => p.finally(resolve));
          p.cancel();
          await done;
        }
      },
      "p-cancelable": async (n) => {
        for (let i = 0; i < n; i++) {
          const p = new PCancelable((_resolve, _reject, onCancel) => onCancel(noop));
          p.cancel();
          await p.catch(noop);
        }
      },
    },
  },
  {
    name: "progress to a handler (per report)",
    size: 1_000_000,
    contenders: {
      "plain callback": async (n) => {
        let seen = 0;
        const handler = (value) => {
          seen += value & 1;
        };
        for (let i = 0; i < n; i++) handler(i);
        if (seen < 0) throw new Error("unreachable");
      },
      EventTarget: async (n) => {
        let seen = 0;
        const target = new EventTarget();
        target.addEventListener("progress", (event) => {
          seen += event.detail & 1;
        });
        for (let i = 0; i < n; i++) target.dispatchEvent(new CustomEvent("progress", { detail: i }));
        if (seen < 0) throw new Error("unreachable");
      },
      "winrt-async progress handler": async (n) => {
        let seen = 0;
        let report;
        const op = AsyncOperationWithProgress.run((ctx) => {
          report = (value) => ctx.report(value);
          return new Promise((resolve) => ctx.onCancel(resolve));
        });
        op.progress = (_op, value) => {
          seen += value & 1;
        };
        for (let i = 0; i < n; i++) report(i);
        op.cancel();
        await op.catch(noop);
        if (seen < 0) throw new Error("unreachable");
      },
      "winrt-async onProgress": async (n) => {
        let seen = 0;
        let report;
        const op = AsyncOperationWithProgress.run((ctx) => {
          report = (value) => ctx.report(value);
          return new Promise((resolve) => ctx.onCancel(resolve));
        });
        op.onProgress((value) => {
          seen += value & 1;
        });
        for (let i = 0; i < n; i++) report(i);
        op.cancel();
        await op.catch(noop);
        if (seen < 0) throw new Error("unreachable");
      },
    },
  },
  {
    name: "progress to an async iterator (per value)",
    size: 100_000,
    contenders: {
      "events.on(EventEmitter)": async (n) => {
        const emitter = new EventEmitter();
        const controller = new AbortController();
        const producer = (async () => {
          for (let i = 0; i < n; i++) {
            emitter.emit("progress", i);
            await null;
          }
          controller.abort();
        })();
        let count = 0;
        try {
          for await (const _ of on(emitter, "progress", { signal: controller.signal })) count++;
        } catch {
          // the abort ends the iteration
        }
        await producer;
        if (count < 0) throw new Error("unreachable");
      },
      "winrt-async progressUpdates": async (n) => {
        const op = AsyncOperationWithProgress.run(async (ctx) => {
          for (let i = 0; i < n; i++) {
            ctx.report(i);
            await null;
          }
        });
        let count = 0;
        for await (const _ of progressUpdates(op)) count++;
        await op;
        if (count < 0) throw new Error("unreachable");
      },
    },
  },
  {
    // Issue 8 item 12: what every producer that wires a cancellation pays (delay, the combinators, workers, queues):
    // n registrations on one running operation. The baseline is what a registration is at its least in plain
    // JavaScript: a closure in a list plus a disposable object (computed symbol key) that would remove it.
    name: "ctx.onCancel registration",
    size: 200_000,
    contenders: {
      "closure + disposable object": async (n) => {
        const list = [];
        const held = [];
        for (let i = 0; i < n; i++) {
          const entry = () => noop(i);
          list.push(entry);
          held.push({
            [Symbol.dispose]() {
              const index = list.indexOf(entry);
              if (index >= 0) list.splice(index, 1);
            },
          });
        }
        if (held.length !== n) throw new Error("unreachable");
      },
      "winrt-async ctx.onCancel": async (n) => {
        let context;
        const op = AsyncOperation.run((ctx) => {
          context = ctx;
          return new Promise(noop);
        });
        const held = [];
        for (let i = 0; i < n; i++) held.push(context.onCancel(() => noop(i)));
        if (held.length !== n) throw new Error("unreachable");
        op.cancel();
      },
    },
  },
];

/** Heap held per pending operation whose body awaits one shared, never-settling promise. */
const heapScenario = {
  name: "heap per pending operation (bytes)",
  // Large enough that V8's own bookkeeping (feedback vectors, code) is noise next to what the operations hold.
  size: 100_000,
  contenders: {
    "native async fn": (gate) => (async () => {
      await gate;
    })(),
    "winrt-async": (gate) =>
      AsyncOperation.run(async () => {
        await gate;
      }),
    "native + AbortController": (gate) => {
      const controller = new AbortController();
      return [
        controller,
        (async (signal) => {
          await gate;
          return signal.aborted;
        })(controller.signal),
      ];
    },
    Bluebird: (gate) =>
      Bluebird.resolve(
        (async () => {
          await gate;
        })(),
      ),
    "p-cancelable": (gate) =>
      PCancelable.fn(async () => {
        await gate;
      })(),
  },
};

function gc() {
  globalThis.gc?.();
}

function measureHeap(make, size) {
  gc();
  gc();
  const gate = new Promise(noop);
  const before = process.memoryUsage().heapUsed;
  // Keep the gate reachable too: what a pending body awaits is alive, and with it every frame waiting on it.
  const held = new Array(size + 1);
  held[size] = gate;
  for (let i = 0; i < size; i++) held[i] = make(gate);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== size + 1) throw new Error("unreachable");
  return (after - before) / size;
}

/**
 * Runs every scenario and returns the rows. `rounds` interleaved rounds each; `scale` multiplies the sizes.
 */
export async function runBenchmarks({ rounds = 7, scale = 1, log = console.log } = {}) {
  const results = [];
  for (const scenario of scenarios) {
    if (only && !scenario.name.includes(only)) continue;
    const size = Math.max(1, Math.round(scenario.size * scale));
    const names = Object.keys(scenario.contenders);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    // One warm-up pass so the first contender does not pay for the JIT of everyone.
    for (const name of names) await time(scenario.contenders[name], Math.min(size, 1_000));
    for (let round = 0; round < rounds; round++) {
      for (const name of names) samples[name].push(await time(scenario.contenders[name], size));
    }
    const rows = names.map((name) => ({ contender: name, ...summarize(samples[name]) }));
    const baseline = rows[0].best;
    for (const row of rows) row.ratio = row.best / baseline;
    results.push({ scenario: scenario.name, unit: "ns", size, rows });
    printTable(log, scenario.name, "ns/op", size, rows);
  }
  if (!only || heapScenario.name.includes(only)) {
    const size = Math.max(10, Math.round(heapScenario.size * scale));
    const names = Object.keys(heapScenario.contenders);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < Math.min(rounds, 5); round++) {
      for (const name of names) samples[name].push(measureHeap(heapScenario.contenders[name], size));
    }
    const rows = names.map((name) => ({ contender: name, ...summarize(samples[name]) }));
    const baseline = rows[0].best;
    for (const row of rows) row.ratio = row.best / baseline;
    results.push({ scenario: heapScenario.name, unit: "bytes", size, rows });
    printTable(log, heapScenario.name, "bytes/op", size, rows);
    if (globalThis.gc === undefined) log("(run with --expose-gc for stable heap figures)");
  }
  return results;
}

/** The targets of DESIGN 3.1, checked against what this run measured, printed as one block at the end. */
function checkTargets(results, whenAllOutcome, log) {
  const row = (scenario, contender) =>
    results.find((result) => result.scenario === scenario)?.rows.find((r) => r.contender === contender);
  const targets = new Targets("DESIGN 3.1");
  const ours = row("create + await, async body", "winrt-async");
  if (ours) {
    const bluebird = row("create + await, async body", "Bluebird");
    const pCancelable = row("create + await, async body", "p-cancelable");
    targets.check("await run(async () => v) at most 3x native (stretch 2x)", `${ours.ratio.toFixed(2)}x`, ours.ratio <= 3);
    targets.check(
      "... and below Bluebird and p-cancelable (ns)",
      `${ours.best.toFixed(0)} vs ${bluebird.best.toFixed(0)} / ${pCancelable.best.toFixed(0)}`,
      ours.best < bluebird.best && ours.best < pCancelable.best,
    );
  }
  const onCancel = row("ctx.onCancel registration", "winrt-async ctx.onCancel");
  if (onCancel) {
    targets.check("ctx.onCancel registration at most 500 ns (issue 8)", `${onCancel.best.toFixed(0)} ns`, onCancel.best <= 500);
  }
  const heap = row("heap per pending operation (bytes)", "winrt-async");
  if (heap) targets.check("pending operation heap at most 1.5x native", `${heap.ratio.toFixed(2)}x`, heap.ratio <= 1.5);
  if (whenAllOutcome) whenAllTargets(whenAllOutcome, targets);
  targets.print(log);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printHeader(console.log, "winrt-async benchmarks", { smoke });
  const results = await runBenchmarks(smoke ? { rounds: 1, scale: 0.001 } : {});
  let whenAllOutcome;
  if (!only || "whenAll".includes(only)) {
    whenAllOutcome = await runWhenAllBench(smoke ? { sizes: [10, 100], rounds: 1 } : {});
    console.log(`\n${formatWhenAllBench(whenAllOutcome)}`);
  }
  checkTargets(results, whenAllOutcome, console.log);
}
