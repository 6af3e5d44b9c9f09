// whenAll scales linearly (DESIGN 3.1): 10x the inputs may cost at most 12x the time, up to 100,000 inputs.
//
// One measurement: n AsyncOperations already running (each waiting on one shared gate), then, timed:
// whenAll(ops), opening the gate, awaiting the combined operation. Sizes run interleaved (1k 10k 100k 1k ...)
// for several rounds after a warm-up round; each size keeps its best round. Promise.all over n pending native
// promises is measured the same way, in the same process, as the platform's reference.
//
// Garbage collection: V8's young generation holds about 16 MB. 10,000 pending subscriptions fit in it, so a
// 10k round usually sees no collection, while 100,000 do not, and every 100k round pays for scavenges that
// copy everything still pending. That step moves with --max-semi-space-size and native Promise.all shows it
// too. So the table shows, per input, the wall time, the GC pauses that fell inside the timed window (from
// perf_hooks "gc" entries) and the time without them, with the ratios of both. The pass/fail check is the
// one DESIGN 3.1 states, on wall time; the ratio without GC pauses is printed to tell the heap's share apart.
//
// Past that step the scaling is linear again: `--sizes=100000,1000000` gives about 10x (measured 10.4x).
//
// Run: `node bench/when-all.bench.mjs` after `npm run build`. Exits non-zero when a wall-time ratio exceeds its
// limit (1.2x the ratio of the sizes: 12 for 10x the inputs).
import { markdownTable, printHeader, Targets } from "./common.mjs";
import { PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { AsyncOperation, whenAll } from "../dist/index.js";

const contenders = {
  whenAll: {
    make: (gatePromise) => AsyncOperation.run(() => gatePromise),
    combine: (inputs) => whenAll(inputs),
  },
  "Promise.all (reference)": {
    make: (gatePromise) => gatePromise.then((value) => value),
    combine: (inputs) => Promise.all(inputs),
  },
};

/** GC pauses as [start, end] pairs, collected while a benchmark runs. */
function watchGc() {
  const pauses = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    /** Milliseconds of GC pause inside [from, to]. */
    within(from, to) {
      let total = 0;
      for (const [start, end] of pauses) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
      pauses.length = 0;
      return total;
    },
    stop: () => observer.disconnect(),
  };
}

const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 1));

/** One timed run: { total, gc } in milliseconds. */
async function measure(contender, size, gc) {
  let open;
  const gatePromise = new Promise((resolve) => {
    open = resolve;
  });
  const inputs = new Array(size);
  for (let i = 0; i < size; i++) inputs[i] = contender.make(gatePromise);
  await nextMacrotask();
  gc.within(0, 0); // forget the pauses of the set-up
  const start = performance.now();
  const combined = contender.combine(inputs);
  open(size);
  const results = await combined;
  const end = performance.now();
  if (results.length !== size) throw new Error("wrong number of results");
  await nextMacrotask(); // lets the observer receive the GC entries of the window
  return { total: end - start, gc: gc.within(start, end) };
}

/**
 * Measures whenAll (and Promise.all as a reference) at each size, interleaved, for `rounds` rounds after one
 * warm-up round. Per contender and size: the best wall time, the GC pauses of that round, and the best time
 * without GC pauses; and for each size after the first, its ratio to the previous size with the limit
 * (1.2x the ratio of the sizes). `ok` is true when no whenAll wall-time ratio exceeds its limit;
 * `okWithoutGc` the same for the time without GC pauses.
 * @param {{ sizes?: number[]; rounds?: number }} [options]
 */
export async function runWhenAllBench({ sizes = [1_000, 10_000, 100_000], rounds = 7 } = {}) {
  const gc = watchGc();
  try {
    const best = {};
    for (const name of Object.keys(contenders)) {
      best[name] = sizes.map(() => ({ total: Number.POSITIVE_INFINITY, gc: 0, withoutGc: Number.POSITIVE_INFINITY }));
    }
    for (let round = -1; round < rounds; round++) {
      for (let i = 0; i < sizes.length; i++) {
        for (const [name, contender] of Object.entries(contenders)) {
          const { total, gc: pauses } = await measure(contender, sizes[i], gc);
          if (round < 0) continue; // warm-up
          const entry = best[name][i];
          if (total < entry.total) {
            entry.total = total;
            entry.gc = pauses;
          }
          entry.withoutGc = Math.min(entry.withoutGc, total - pauses);
        }
      }
    }
    const results = Object.entries(best).map(([name, entries]) => ({
      name,
      rows: sizes.map((size, i) => ({
        size,
        totalMs: entries[i].total,
        nsPerInput: (entries[i].total * 1e6) / size,
        gcNsPerInput: (entries[i].gc * 1e6) / size,
        withoutGcNsPerInput: (entries[i].withoutGc * 1e6) / size,
      })),
      ratios: sizes.slice(1).map((size, j) => {
        const limit = 1.2 * (size / sizes[j]);
        const withoutGc = entries[j + 1].withoutGc / entries[j].withoutGc;
        return {
          label: `${size}/${sizes[j]}`,
          total: entries[j + 1].total / entries[j].total,
          withoutGc,
          limit,
          ok: entries[j + 1].total / entries[j].total <= limit,
          okWithoutGc: withoutGc <= limit,
        };
      }),
    }));
    return {
      results,
      ok: results[0].ratios.every((ratio) => ratio.ok),
      okWithoutGc: results[0].ratios.every((ratio) => ratio.okWithoutGc),
    };
  } finally {
    gc.stop();
  }
}

/** The outcome of `runWhenAllBench` as Markdown tables (bench/common.mjs); the limits go to `whenAllTargets`. */
export function formatWhenAllBench({ results }) {
  const lines = ["whenAll over already-running AsyncOperations (best of the rounds)"];
  for (const { name, rows, ratios } of results) {
    lines.push(
      "",
      `${name}`,
      "",
      ...markdownTable(
        ["inputs:", "wall (ms):", "wall ns/input:", "GC pause ns/input:", "without GC ns/input:"],
        rows.map((row) => [
          String(row.size),
          row.totalMs.toFixed(2),
          row.nsPerInput.toFixed(0),
          row.gcNsPerInput.toFixed(0),
          row.withoutGcNsPerInput.toFixed(0),
        ]),
      ),
      "",
      ...markdownTable(
        ["ratio", "wall:", "without GC:"],
        ratios.map((ratio) => [ratio.label, `${ratio.total.toFixed(1)}x`, `${ratio.withoutGc.toFixed(1)}x`]),
      ),
    );
  }
  return lines.join("\n");
}

/** Adds DESIGN 3.1's linear-scaling limits, checked on wall time, to `targets` (bench/common.mjs `Targets`). */
export function whenAllTargets({ results }, targets) {
  for (const ratio of results[0]?.ratios ?? []) {
    targets.check(`whenAll ${ratio.label} inputs: time at most ${ratio.limit.toFixed(0)}x`, `${ratio.total.toFixed(1)}x`, ratio.ok);
  }
}

/** `--sizes=1000,10000` and `--rounds=3` override the defaults. */
function cliOptions(argv) {
  const options = {};
  for (const arg of argv) {
    if (arg.startsWith("--sizes=")) options.sizes = arg.slice("--sizes=".length).split(",").map(Number);
    else if (arg.startsWith("--rounds=")) options.rounds = Number(arg.slice("--rounds=".length));
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = await runWhenAllBench(cliOptions(process.argv.slice(2)));
  printHeader(console.log, "winrt-async whenAll benchmark");
  console.log(`\n${formatWhenAllBench(outcome)}`);
  const targets = new Targets("DESIGN 3.1");
  whenAllTargets(outcome, targets);
  targets.print(console.log);
  if (!outcome.ok) {
    console.error("\nwhenAll: a wall-time ratio exceeds its limit (see the GC pause column for the heap's share)");
    process.exitCode = 1;
  }
}
