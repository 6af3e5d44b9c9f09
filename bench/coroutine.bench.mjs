// Coroutine producers (DESIGN 4.3) against async bodies: the cost of driving a generator body that waits on an
// operation which is already running, next to the same body written as an async function, in one process.
//
// Per iteration, timed, one after another (like the create + await loop of bench/run.mjs):
//   inner = AsyncOperation.run(async () => i)              (already running when the outer body waits on it)
//   coroutine:  await AsyncOperation.run(function* () { return yield* wait(inner); })
//   async body: await AsyncOperation.run(async () => await inner)
// each written inline (the body is a new function per operation) and hoisted (a body defined once, called with
// its input), plus two native references without the library: an async function awaiting a running one, and a
// generator function made per call and driven by hand. The second shows what V8 itself charges for creating a
// generator function per call (a new function with its own `prototype` object each time; an async arrow has
// none): the inline coroutine row pays it whatever the driver does. Contenders run interleaved for several
// rounds after a warm-up; each keeps its best round. The target (issue 11): a coroutine within 1.5x the same
// async body.
//
// Run: `node bench/coroutine.bench.mjs` after `npm run build` (`--smoke`: one tiny round, numbers meaningless;
// the test suite runs that so the benchmark cannot rot). Exits 0 either way: benchmarks measure, they do not gate.
import { pathToFileURL } from "node:url";
import { AsyncOperation, wait } from "../dist/index.js";
import { markdownTable, printHeader, Targets, time } from "./common.mjs";

// The same bodies defined once (a module-level function called with its input, so only its result is made per
// operation) for the "hoisted" rows.
async function asyncBody(inner) {
  return await inner;
}
function* coroutineBody(inner) {
  return yield* wait(inner);
}

const contenders = {
  "native async fn awaiting": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = (async () => i)();
      await (async () => await inner)();
    }
  },
  // What V8 alone charges for a generator function created per call and driven by hand (no library): the part
  // of the inline coroutine row that no library can remove.
  "native generator, by hand": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = (async () => i)();
      const generator = (function* () {
        return yield inner;
      })();
      await generator.next().value.then((value) => generator.next(value));
    }
  },
  "async body (inline)": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = AsyncOperation.run(async () => i);
      await AsyncOperation.run(async () => await inner);
    }
  },
  "coroutine body (inline)": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = AsyncOperation.run(async () => i);
      await AsyncOperation.run(function* () {
        return yield* wait(inner);
      });
    }
  },
  "async body (hoisted)": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = AsyncOperation.run(async () => i);
      await AsyncOperation.run(() => asyncBody(inner));
    }
  },
  "coroutine body (hoisted)": async (n) => {
    for (let i = 0; i < n; i++) {
      const inner = AsyncOperation.run(async () => i);
      await AsyncOperation.run(() => coroutineBody(inner));
    }
  },
};

/** Runs every contender `rounds` times interleaved; returns rows { contender, best, spread }. */
export async function runCoroutineBench({ size = 100_000, rounds = 7 } = {}) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await time(contenders[name], Math.min(size, 2_000));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      globalThis.gc?.();
      samples[name].push(await time(contenders[name], size));
    }
  }
  return names.map((name) => {
    const sorted = [...samples[name]].sort((a, b) => a - b);
    return { contender: name, best: sorted[0], spread: sorted.length > 1 ? (sorted.at(-1) - sorted[0]) / sorted[0] : 0 };
  });
}

/** The table, with ratios to the native reference, then the coroutine/async-body ratios the target is about. */
export function formatCoroutineBench(rows, size) {
  const byName = Object.fromEntries(rows.map((row) => [row.contender, row]));
  const native = rows[0].best;
  const lines = [`\ncoroutine bodies vs async bodies (n = ${size.toLocaleString("en-US")}, best of rounds)`, ""];
  lines.push(
    ...markdownTable(
      ["contender", "ns/op:", "spread:", "vs native:"],
      rows.map((row) => [row.contender, row.best.toFixed(1), `${(row.spread * 100).toFixed(0)}%`, `${(row.best / native).toFixed(2)}x`]),
    ),
  );
  const ratio = (a, b) => byName[a].best / byName[b].best;
  const hoisted = ratio("coroutine body (hoisted)", "async body (hoisted)");
  const inline = ratio("coroutine body (inline)", "async body (inline)");
  const v8 = ratio("native generator, by hand", "native async fn awaiting");
  const targets = new Targets("issue 11");
  targets.check("coroutine / async body, hoisted body: at most 1.5x", `${hoisted.toFixed(2)}x`, hoisted <= 1.5);
  targets.check("coroutine / async body, inline body: at most 1.5x", `${inline.toFixed(2)}x`, inline <= 1.5);
  targets.note("V8 alone: generator per call / async fn (in inline)", `${v8.toFixed(2)}x`);
  targets.print((line) => lines.push(line));
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const smoke = process.argv.includes("--smoke");
  const options = smoke ? { size: 200, rounds: 1 } : {};
  printHeader(console.log, "winrt-async coroutine benchmark", { smoke });
  const rows = await runCoroutineBench(options);
  console.log(formatCoroutineBench(rows, options.size ?? 100_000));
}
