/* global fetch -- Node 20 has it */
// winrt-async/http on loopback (issue 18), the server in its own process through the chosen Node bridge
// (@hono/node-server), against a hand-written POST + event-stream handler on the same server stack:
//   - one trivial operation: POST { task: "echo" } with Accept: text/event-stream, read to the completed event
//     (one round trip), sequentially (every trip timed) and 32 in flight; target: within 1.3x of the baseline;
//   - server heap per open operation with a watcher: 10,000 operations held open at once, each with its stream,
//     heap after a full GC minus the heap before, divided by the count; target: <= 10 KB (the baseline's figure,
//     a held hand-written stream, shows what the bridge and the connection cost by themselves).
// Contenders run interleaved (A B A B ...) for several rounds after a warm-up. `--smoke` runs everything once at a
// tiny size (the test suite does, so this file cannot rot); nothing here asserts anything about time.
//
//   node bench/http.bench.mjs            (after npm run build)
//   node bench/http.bench.mjs --smoke
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { markdownTable, printHeader, summarize, Targets } from "./common.mjs";

const smoke = process.argv.includes("--smoke");
const ROUNDS = smoke ? 1 : 5;
const SEQUENTIAL = smoke ? 20 : 1_000;
const CONCURRENT = smoke ? 64 : 4_000;
const IN_FLIGHT = 32;
const OPEN = smoke ? 200 : 10_000;
const log = (line) => process.stdout.write(`${line}\n`);

async function startServer() {
  const child = spawn(process.execPath, ["--expose-gc", new URL("./http-server.mjs", import.meta.url).pathname], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [origin] = await once(lines, "line");
  return {
    origin,
    stop() {
      this.stopped ??= (async () => {
        child.stdin.end();
        if (child.exitCode === null) await once(child, "exit");
      })();
      return this.stopped;
    },
  };
}

const body = JSON.stringify({ task: "echo", input: { n: 1 } });
const headers = { "content-type": "application/json", accept: "text/event-stream" };

/** One operation: POST with the event stream, read to the end; checks it completed. */
async function once1(url) {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  if (response.status !== 201 || !text.includes("event: completed")) throw new Error(`unexpected answer ${response.status}: ${text}`);
}

async function sequential(url, count) {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await once1(url);
    samples[i] = performance.now() - start;
  }
  samples.sort();
  return { median: samples[count >> 1], p99: samples[Math.floor(count * 0.99)] };
}

async function concurrent(url, count) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < count) await once1(url);
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

async function withServer(measure) {
  const fresh = await startServer();
  try {
    for (const path of ["/ops", "/raw"]) await once1(`${fresh.origin}${path}`);
    return await measure(fresh.origin);
  } finally {
    await fresh.stop();
  }
}

async function heapPerOpen(origin, path) {
  const heap = async () => Number(await (await fetch(`${origin}/heap`)).text());
  const before = await heap();
  const readers = [];
  for (let i = 0; i < OPEN; i += 500) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(500, OPEN - i) }, () =>
        fetch(`${origin}${path}`, { method: "POST", headers, body: JSON.stringify({ task: "hold", input: 1 }) }),
      ),
    );
    for (const response of batch) {
      const reader = response.body.getReader();
      await reader.read(); // the started event: the stream is open
      readers.push(reader);
    }
  }
  const during = await heap();
  await fetch(`${origin}/release`, { method: "POST" });
  await Promise.all(readers.map(async (reader) => { while (!(await reader.read()).done); }));
  return (during - before) / OPEN;
}

async function main() {
  printHeader(log, "winrt-async/http benchmark (loopback)", {
    smoke,
    details: "Server: its own process, @hono/node-server; client: Node's fetch. Compare ratios (shared machine).",
  });
  const targets = new Targets("issue 18");
  const server = await startServer();
  const ours = `${server.origin}/ops`;
  const raw = `${server.origin}/raw`;
  try {
    for (const url of [ours, raw]) await sequential(url, smoke ? 5 : 300); // warm-up
    const rounds = { ours: [], raw: [], oursP99: [], rawP99: [], oursRate: [], rawRate: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const a = await sequential(ours, SEQUENTIAL);
      const b = await sequential(raw, SEQUENTIAL);
      rounds.ours.push(a.median);
      rounds.oursP99.push(a.p99);
      rounds.raw.push(b.median);
      rounds.rawP99.push(b.p99);
      rounds.rawRate.push(await concurrent(raw, CONCURRENT));
      rounds.oursRate.push(await concurrent(ours, CONCURRENT));
    }
    const o = summarize(rounds.ours);
    const r = summarize(rounds.raw);
    const oRate = summarize(rounds.oursRate.map((x) => -x));
    const rRate = summarize(rounds.rawRate.map((x) => -x));
    const ratios = rounds.ours.map((value, i) => value / rounds.raw[i]).sort((x, y) => x - y);
    const rateRatios = rounds.rawRate.map((value, i) => value / rounds.oursRate[i]).sort((x, y) => x - y);
    log(`\nOne trivial operation, POST + event stream to the result (${SEQUENTIAL} sequential per round, ${ROUNDS} rounds)\n`);
    const trivialRow = (contender, median, p99s, rate) => [
      contender,
      median.toFixed(3),
      summarize(p99s).median.toFixed(3),
      (-rate.median).toFixed(0),
    ];
    for (const line of markdownTable(["contender", "median ms:", "p99 ms:", `ops/s (${IN_FLIGHT} in flight):`], [
      trivialRow("hand-written POST + SSE (baseline)", r.median, rounds.rawP99, rRate),
      trivialRow("winrt-async/http operationsHandler", o.median, rounds.oursP99, oRate),
    ])) {
      log(line);
    }
    const latencyRatio = ratios[ratios.length >> 1];
    const rateRatio = rateRatios[rateRatios.length >> 1];
    targets.check(
      "trivial op: median latency / baseline's (median of rounds) <= 1.30x",
      `${latencyRatio.toFixed(2)}x`,
      latencyRatio <= 1.3,
    );
    targets.check(
      `trivial op: throughput, baseline's / ours (${IN_FLIGHT} in flight) <= 1.30x`,
      `${rateRatio.toFixed(2)}x`,
      rateRatio <= 1.3,
    );

    // Each contender in a fresh server process (warmed by one operation of each kind), so neither inherits the
    // other's idle connections.
    await server.stop();
    const oursHeap = await withServer((origin) => heapPerOpen(origin, "/ops"));
    const rawHeap = await withServer((origin) => heapPerOpen(origin, "/raw"));
    log(`\nServer heap per open operation with a watcher (${OPEN.toLocaleString("en-US")} open at once, after a full GC)\n`);
    for (const line of markdownTable(["contender", "KB per open op:", "the edge's own share, KB:"], [
      ["hand-written held stream (baseline)", (rawHeap / 1024).toFixed(2), ""],
      ["winrt-async/http", (oursHeap / 1024).toFixed(2), ((oursHeap - rawHeap) / 1024).toFixed(2)],
    ])) {
      log(line);
    }
    targets.check(
      "server heap per open operation with a watcher <= 10 KB",
      `${(oursHeap / 1024).toFixed(2)} KB`,
      oursHeap / 1024 <= 10,
    );
  } finally {
    await server.stop();
  }
  targets.print(log);
}

await main();
