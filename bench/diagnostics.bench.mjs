// Diagnostics cost nothing while off (DESIGN 4.5): create + await of an AsyncOperation, in four settings:
//   never loaded      winrt-async/diagnostics not imported: the core's hook slot is empty
//   loaded, off       imported, but no trackOperations() and no channel subscriber
//   tracking on       inside trackOperations(): each operation is registered (weakly) and timed
//   channel subscriber a no-op subscriber on winrt-async:start and winrt-async:settle
// Loading the module installs its hook for the whole process, so each setting runs in its own child process.
// Settings run interleaved (A B C D A B C D ...) for 6 rounds of 10 timed loops each; each setting keeps its best
// loop (short loops, many of them: on a shared machine the best one is the one least disturbed), and the table
// shows CPU ns per operation (user + system time of the process, GC threads included), the spread of the
// rounds and the ratio to "never loaded".
//
// Run: `node bench/diagnostics.bench.mjs` after `npm run build`. `--smoke` runs one tiny round of every setting
// (the test suite does, so the benchmark cannot rot); it asserts nothing about time.
import { markdownTable, printHeader } from "./common.mjs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const settings = ["never loaded", "loaded, off", "tracking on", "channel subscriber"];
const scenarios = {
  "create + await, async body": (AsyncOperation) => async (n) => {
    for (let i = 0; i < n; i++) await AsyncOperation.run(async () => i);
  },
  "create + await, synchronous body": (AsyncOperation) => async (n) => {
    for (let i = 0; i < n; i++) await AsyncOperation.run(() => i);
  },
};

/** In a child process: sets up `setting`, then times every scenario `reps` times; prints best ns/op as JSON. */
async function child(setting, size, reps) {
  const { AsyncOperation } = await import("../dist/index.js");
  if (setting !== "never loaded") {
    const { trackOperations, channelNames } = await import("../dist/diagnostics/index.js");
    if (setting === "tracking on") trackOperations();
    if (setting === "channel subscriber") {
      const { subscribe } = await import("node:diagnostics_channel");
      const noop = () => {};
      subscribe(channelNames.start, noop);
      subscribe(channelNames.settle, noop);
    }
  }
  const result = {};
  for (const [name, make] of Object.entries(scenarios)) {
    const loop = make(AsyncOperation);
    await loop(Math.min(size, 20_000)); // warm-up: lets V8 optimize the loop and the library
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < reps; r++) {
      // CPU time of the process, not wall time: on a shared machine the wall clock also counts the time this
      // process waited for a core, which swamps differences of a few percent.
      const start = process.cpuUsage();
      await loop(size);
      const used = process.cpuUsage(start);
      best = Math.min(best, ((used.user + used.system) * 1e3) / size);
    }
    result[name] = best;
  }
  process.stdout.write(JSON.stringify(result));
}

/** Runs every setting in `rounds` rounds of child processes; returns per scenario and setting the rounds' figures. */
export function runDiagnosticsBench({ size = 100_000, rounds = 6, reps = 10 } = {}) {
  const self = fileURLToPath(import.meta.url);
  const samples = {};
  for (const scenario of Object.keys(scenarios)) samples[scenario] = Object.fromEntries(settings.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    for (const setting of settings) {
      const run = spawnSync(process.execPath, [self, `--child=${setting}`, `--size=${size}`, `--reps=${reps}`], {
        encoding: "utf8",
        timeout: 120_000,
      });
      if (run.status !== 0) throw new Error(`the child for "${setting}" failed: ${run.stderr || run.error}`);
      const result = JSON.parse(run.stdout);
      for (const scenario of Object.keys(scenarios)) samples[scenario][setting].push(result[scenario]);
    }
  }
  return Object.entries(samples).map(([scenario, bySetting]) => {
    const baseline = Math.min(...bySetting["never loaded"]);
    return {
      scenario,
      rows: settings.map((setting) => {
        const figures = bySetting[setting];
        const best = Math.min(...figures);
        return { setting, nsPerOp: best, spread: (Math.max(...figures) - best) / best, ratio: best / baseline };
      }),
    };
  });
}

export function formatDiagnosticsBench(results) {
  const lines = ["Diagnostics overhead (CPU time, best of the rounds)"];
  for (const { scenario, rows } of results) {
    lines.push(
      "",
      scenario,
      "",
      ...markdownTable(
        ["setting", "CPU ns/op:", "spread:", "ratio:"],
        rows.map((row) => [row.setting, row.nsPerOp.toFixed(1), `${(row.spread * 100).toFixed(0)}%`, `${row.ratio.toFixed(2)}x`]),
      ),
    );
  }
  return lines.join("\n");
}

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const childSetting = arg("child");
  if (childSetting !== undefined) {
    await child(childSetting, Number(arg("size")), Number(arg("reps")));
  } else {
    const smoke = process.argv.includes("--smoke");
    const results = runDiagnosticsBench(smoke ? { size: 2_000, rounds: 1, reps: 1 } : {});
    printHeader(console.log, "winrt-async/diagnostics benchmark", { smoke });
    console.log(`\n${formatDiagnosticsBench(results)}`);
  }
}
