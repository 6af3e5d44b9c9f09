// winrt-async/worker against the raw ceilings and the pools people use (DESIGN 3.1, issue 9), in one process, one
// worker thread each:
//   - throughput with 20,000 trivial tasks (x => x + 1) in flight: WorkerPool (default window 64) against a raw
//     MessagePort echo (one message per task), the same echo batching 100 tasks per message, Piscina, Tinypool
//     and workerpool. Every task gets its own promise on the host, raw contenders included;
//   - sequential round trip (await one task at a time, every trip timed): WorkerPool against the raw echo and
//     Piscina;
//   - cancel-to-signal latency: cancel() on the host to the body's ctx.signal abort listener in the worker, and to
//     a CPU-bound loop seeing ctx.canceled (the shared flag), both timed by process.hrtime in the two threads.
// Contenders run interleaved (A B C ... A B C ...) for several rounds after a warm-up; the tables show the median
// round, the best round and the ratios of medians. `--smoke` runs everything once at a tiny size (the test suite
// does, so this file cannot rot); nothing here asserts anything about time.
//
//   node bench/worker.bench.mjs            (after npm run build)
//   node bench/worker.bench.mjs --smoke
import os from "node:os";
import { Worker } from "node:worker_threads";
import { MessageChannel } from "node:worker_threads";
import Piscina from "piscina";
import { Tinypool } from "tinypool";
import workerpool from "workerpool";
import { whenAll } from "../dist/index.js";
import { WorkerPool } from "../dist/worker/index.js";

const smoke = process.argv.includes("--smoke");
const IN_FLIGHT = smoke ? 200 : 20_000;
const ROUNDS = smoke ? 1 : 7;
const SEQUENTIAL = smoke ? 20 : 2_000;
const CANCEL_TRIALS = smoke ? 10 : 300;
const here = (file) => new URL(`./worker-tasks/${file}`, import.meta.url);

/**
 * A raw MessagePort echo of task records `{ id, name, input }` (the shape a pool must send at least): one record
 * per message (`batch` 1), or arrays of up to `batch` records per message, flushed when full or at the end of the
 * microtask (the research note's raw-port and raw-batch-B contenders).
 */
function rawEcho(batch) {
  let worker;
  let port;
  const pending = new Map();
  let nextId = 0;
  let out = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const records = out;
    out = [];
    port.postMessage(records);
  };
  return {
    name: batch === 1 ? "raw MessagePort echo" : `raw echo, ${batch} per message`,
    async start() {
      worker = new Worker(here("raw-echo.mjs"));
      const channel = new MessageChannel();
      worker.postMessage(channel.port2, [channel.port2]);
      port = channel.port1;
      const settle = (reply) => {
        const resolve = pending.get(reply.id);
        pending.delete(reply.id);
        resolve(reply.result);
      };
      port.on("message", (message) => {
        if (Array.isArray(message)) for (const reply of message) settle(reply);
        else settle(message);
      });
    },
    call(x) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        const record = { id, name: "inc", input: x };
        if (batch === 1) {
          port.postMessage(record);
          return;
        }
        out.push(record);
        if (out.length >= batch) flush();
        else if (!scheduled) {
          scheduled = true;
          queueMicrotask(() => out.length > 0 && flush());
        }
      });
    },
    async stop() {
      port.close();
      await worker.terminate();
    },
  };
}

/**
 * winrt-async's WorkerPool (default options: window 64). `combine: "whenAll"` awaits the 20,000 operations with
 * our `whenAll` (one lean subscription per operation) instead of `Promise.all` (which wraps each operation, a
 * thenable, in a promise of its own and calls its `then`, which makes another).
 */
function ours(combine = "Promise.all") {
  let pool;
  return {
    name: combine === "whenAll" ? "winrt-async WorkerPool, whenAll" : "winrt-async WorkerPool",
    all: combine === "whenAll" ? (calls) => whenAll(calls) : undefined,
    async start() {
      pool = new WorkerPool(here("winrt-async.mjs"), { size: 1, ...(process.env.WINDOW ? { window: Number(process.env.WINDOW) } : {}) });
    },
    call: (x) => pool.run("inc", x),
    get pool() {
      return pool;
    },
    stop: () => pool.close(),
  };
}

function piscina() {
  let pool;
  return {
    name: "Piscina 5",
    async start() {
      pool = new Piscina({ filename: here("piscina.mjs").href, minThreads: 1, maxThreads: 1, idleTimeout: 60_000 });
    },
    call: (x) => pool.run(x),
    stop: () => pool.destroy(),
  };
}

function tinypool() {
  let pool;
  return {
    name: "Tinypool 2",
    async start() {
      pool = new Tinypool({ filename: here("piscina.mjs").href, minThreads: 1, maxThreads: 1, idleTimeout: 60_000 });
    },
    call: (x) => pool.run(x),
    stop: () => pool.destroy(),
  };
}

function workerpoolContender() {
  let pool;
  return {
    name: "workerpool 10",
    async start() {
      pool = workerpool.pool(here("workerpool.cjs").pathname, { maxWorkers: 1, minWorkers: 1, workerType: "thread" });
    },
    call: (x) => pool.exec("inc", [x]),
    stop: () => pool.terminate(),
  };
}

async function inFlight(contender, n) {
  const calls = new Array(n);
  for (let i = 0; i < n; i++) calls[i] = contender.call(i);
  const results = await (contender.all ? contender.all(calls) : Promise.all(calls));
  if (results[n - 1] !== n) throw new Error(`${contender.name}: wrong result ${results[n - 1]}`);
}

async function sequential(contender, n) {
  for (let i = 0; i < n; i++) {
    if ((await contender.call(i)) !== i + 1) throw new Error(`${contender.name}: wrong result`);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (value, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Throughput rounds, interleaved; returns tasks/s per round for each contender. */
async function throughput(contenders) {
  const rates = new Map(contenders.map((c) => [c, []]));
  for (const contender of contenders) {
    // Warm-up: the JIT, the worker's module, the pools' own queues.
    await inFlight(contender, Math.min(IN_FLIGHT, 2_000));
    await inFlight(contender, Math.min(IN_FLIGHT, 2_000));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of contenders) {
      const start = performance.now();
      await inFlight(contender, IN_FLIGHT);
      rates.get(contender).push(IN_FLIGHT / ((performance.now() - start) / 1000));
    }
  }
  return rates;
}

/** Sequential round trips, interleaved rounds; every trip timed on its own (µs), so load spikes stay in the tail. */
async function roundTrips(contenders) {
  const trips = new Map(contenders.map((c) => [c, []]));
  for (const contender of contenders) await sequential(contender, Math.min(SEQUENTIAL, 200));
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of contenders) {
      const times = trips.get(contender);
      for (let i = 0; i < SEQUENTIAL; i++) {
        const start = performance.now();
        if ((await contender.call(i)) !== i + 1) throw new Error(`${contender.name}: wrong result`);
        times.push((performance.now() - start) * 1000);
      }
    }
  }
  return trips;
}

async function waitFlag(flag) {
  while (Atomics.load(flag, 0) === 0) {
    const wait = Atomics.waitAsync(flag, 0, 0, 5_000);
    if (wait.async) await wait.value;
  }
}

/** cancel() to the worker seeing it, in microseconds, for `task` ("waitCancel" or "spinCancel"). */
async function cancelLatency(pool, task) {
  const latencies = [];
  for (let trial = 0; trial < CANCEL_TRIALS; trial++) {
    const shared = new SharedArrayBuffer(16);
    const stamp = new BigInt64Array(shared, 0, 1);
    const op = pool.run(task, shared);
    await waitFlag(new Int32Array(shared, 8, 1));
    const before = process.hrtime.bigint();
    op.cancel();
    await op[Symbol.asyncDispose]();
    latencies.push(Number(stamp[0] - before) / 1000);
  }
  return latencies;
}

/**
 * Crash to settle: the worker writes the time and calls process.exit; the host notes when the operation it held
 * ended (in error). And a forced termination: cancel() on a body that ignores it, to its [Symbol.asyncDispose]
 * resolving (the grace period, then the termination), then to the next task done on the replacement thread.
 */
async function crashes(trials) {
  const graceMs = 20;
  const pool = new WorkerPool(here("winrt-async.mjs"), { size: 1, cancelGraceMs: graceMs });
  const crash = [];
  const forced = [];
  const replacement = [];
  try {
    for (let trial = 0; trial < trials; trial++) {
      await pool.run("inc", 0); // a thread is up
      const shared = new SharedArrayBuffer(16);
      const error = await pool.run("exitNow", shared).then(
        () => undefined,
        (reason) => reason,
      );
      const settled = process.hrtime.bigint();
      if (error?.name !== "DisconnectedError") throw new Error(`crash: expected a DisconnectedError, got ${error}`);
      crash.push(Number(settled - new BigInt64Array(shared, 0, 1)[0]) / 1000);
    }
    for (let trial = 0; trial < trials; trial++) {
      const shared = new SharedArrayBuffer(16);
      const op = pool.run("stubborn", shared);
      await waitFlag(new Int32Array(shared, 8, 1));
      const start = performance.now();
      op.cancel();
      await op[Symbol.asyncDispose]();
      const terminated = performance.now();
      forced.push(terminated - start);
      await pool.run("inc", 1);
      replacement.push(performance.now() - terminated);
    }
  } finally {
    await pool.close();
  }
  return { crash, forced, replacement, graceMs };
}

async function main() {
  const cpus = os.cpus();
  const header = [
    `winrt-async/worker benchmark${smoke ? " (smoke run: tiny sizes, numbers meaningless)" : ""}`,
    `machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; load average ${os
      .loadavg()
      .map((x) => fmt(x, 2))
      .join(" ")}`,
    `Node ${process.version} (${process.platform} ${process.arch}); ${new Date().toISOString()}`,
    `${fmt(IN_FLIGHT)} tasks in flight, ${ROUNDS} interleaved rounds; one worker thread per contender; all in this process`,
  ];
  console.log(header.join("\n"));

  const raw = rawEcho(1);
  const batched = rawEcho(100);
  const mine = ours();
  const mineWhenAll = ours("whenAll");
  const only = process.env.ONLY?.split(",");
  const contenders = [raw, batched, mine, mineWhenAll, piscina(), tinypool(), workerpoolContender()].filter(
    (c, i) => i < 4 || !only || only.some((name) => c.name.toLowerCase().includes(name)),
  );
  for (const contender of contenders) await contender.start();

  const rates = await throughput(contenders);
  const med = (c) => median(rates.get(c));
  console.log("\nThroughput, trivial task, 20,000 in flight (tasks/s; median and best of the rounds)\n");
  console.log("| contender | median tasks/s | best | winrt-async / this |");
  console.log("|---|---:|---:|---:|");
  for (const contender of contenders) {
    console.log(
      `| ${contender.name} | ${fmt(med(contender))} | ${fmt(Math.max(...rates.get(contender)))} | ${fmt(med(mine) / med(contender), 2)} |`,
    );
  }

  const pis = contenders.find((c) => c.name.startsWith("Piscina"));
  const seqContenders = [raw, mine, ...(pis ? [pis] : [])];
  const trips = await roundTrips(seqContenders);
  console.log(`\nSequential round trip (µs per task, awaited one at a time; ${fmt(SEQUENTIAL * ROUNDS)} trips each)\n`);
  console.log("| contender | median µs | p90 µs | p99 µs |");
  console.log("|---|---:|---:|---:|");
  for (const contender of seqContenders) {
    const times = trips.get(contender);
    console.log(`| ${contender.name} | ${fmt(median(times), 1)} | ${fmt(percentile(times, 90), 1)} | ${fmt(percentile(times, 99), 1)} |`);
  }

  const awaiting = await cancelLatency(mine.pool, "waitCancel");
  const spinning = await cancelLatency(mine.pool, "spinCancel");
  console.log(`\nCancel to the body (µs; ${CANCEL_TRIALS} trials each)\n`);
  console.log("| path | median | p90 | p99 | max |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, values] of [
    ["cancel() → ctx.signal abort listener (idle body)", awaiting],
    ["cancel() → ctx.canceled in a CPU-bound loop (shared flag)", spinning],
  ]) {
    console.log(
      `| ${name} | ${fmt(median(values), 1)} | ${fmt(percentile(values, 90), 1)} | ${fmt(percentile(values, 99), 1)} | ${fmt(Math.max(...values), 1)} |`,
    );
  }

  const { crash, forced, replacement, graceMs } = await crashes(smoke ? 2 : 20);
  console.log(`\nCrashes and forced termination (${crash.length} trials each)\n`);
  console.log("| path | median | p90 | max |");
  console.log("|---|---:|---:|---:|");
  for (const [name, values, unit, digits] of [
    ["process.exit in the worker → DisconnectedError", crash, "µs", 0],
    [`body ignores cancel() → thread terminated (grace ${graceMs} ms)`, forced, "ms", 1],
    ["termination → next task done on the replacement thread", replacement, "ms", 1],
  ]) {
    console.log(
      `| ${name} | ${fmt(median(values), digits)} ${unit} | ${fmt(percentile(values, 90), digits)} ${unit} | ${fmt(Math.max(...values), digits)} ${unit} |`,
    );
  }

  const vsRaw = med(mine) / med(raw);
  const vsBatch = med(mine) / med(batched);
  const vsBatchWhenAll = med(mineWhenAll) / med(batched);
  const seqGap = median(trips.get(mine)) - median(trips.get(raw));
  const p99 = percentile(awaiting, 99);
  const mark = (ok) => (ok ? "met" : "NOT met");
  console.log("\nTargets (DESIGN 3.1, issue 9)\n");
  console.log("| target | measured | |");
  console.log("|---|---:|---|");
  console.log(`| throughput ≥ 70% of the raw MessagePort echo | ${fmt(vsRaw * 100)}% | ${mark(vsRaw >= 0.7)} |`);
  console.log(`| throughput ≥ 60% of the echo batching 100 per message | ${fmt(vsBatch * 100)}% | ${mark(vsBatch >= 0.6)} |`);
  console.log(`| the same, operations awaited with whenAll | ${fmt(vsBatchWhenAll * 100)}% | ${mark(vsBatchWhenAll >= 0.6)} |`);
  console.log(`| sequential round trip within 10 µs of the raw echo | ${seqGap >= 0 ? "+" : ""}${fmt(seqGap, 1)} µs | ${mark(seqGap <= 10)} |`);
  console.log(`| cancel reaches ctx.signal, p99 < 1 ms | ${fmt(p99, 1)} µs | ${mark(p99 < 1000)} |`);
  const crashMax = Math.max(...crash) / 1000;
  console.log(`| a crash ends the operations it held within 50 ms (max) | ${fmt(crashMax, 1)} ms | ${mark(crashMax <= 50)} |`);
  const replacementMedian = median(replacement);
  console.log(`| replacement serving ≤ 100 ms after a forced termination (median) | ${fmt(replacementMedian, 1)} ms | ${mark(replacementMedian <= 100)} |`);
  if (pis) console.log(`| ratio to Piscina (about 10x on a quiet machine) | ${fmt(med(mine) / med(pis), 1)}x | (informative) |`);

  for (const contender of contenders) await contender.stop();
}

await main();
