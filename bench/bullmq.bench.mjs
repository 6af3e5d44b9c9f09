// winrt-async/bullmq against raw BullMQ, in one run on one Redis that the bench starts (or REDIS_URL):
// 1. throughput: trivial jobs, one `add` per job, consumer concurrency 50, results through QueueEvents; ours end
//    to end (JobClient + serve) vs a raw Queue + Worker + QueueEvents (dispatch by job id, as ours does);
//    rounds interleaved (raw, ours, raw, ours, ...), best round of each; target ours >= 85% of raw.
// 2. progress latency: ctx.report -> the operation's onProgress (progressIntervalMs 0, one value in flight at a
//    time) vs raw job.updateProgress -> QueueEvents 'progress'; median and p99; target p99 <= 5 ms (plus the
//    throttle interval, which this measurement leaves out).
// 3. cross-process cancel latency: op.cancel() in this process -> ctx.signal's abort in a consumer process;
//    median and p99; target p99 <= 50 ms. (Raw BullMQ has no cross-process cancel to compare with.)
// `node bench/bullmq.bench.mjs` (after `npm run build`); `--smoke` runs every part once at a tiny size and
// asserts nothing about time. `--consumer` is the child process of part 3.
import { markdownTable, printHeader, Targets } from "./common.mjs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Queue, QueueEvents, Worker } from "bullmq";
import { JobClient, serve } from "../dist/bullmq/index.js";
import { connectionOf, startRedis } from "../test/support/redis-server.mjs";

const smoke = process.argv.includes("--smoke");
const now = () => performance.timeOrigin + performance.now();

async function main() {
  const redis = await startRedis();
  const connection = connectionOf(redis.url);
  try {
    const jobs = smoke ? 200 : 5_000;
    const rounds = smoke ? 1 : 7;
    const samples = smoke ? 20 : 300;
    const cancels = smoke ? 10 : 200;

    const raw = [];
    const ours = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate who goes first, so neither always runs on a warmer (or busier) machine.
      if (round % 2 === 0) {
        raw.push(await throughputRaw(connection, jobs, round));
        ours.push(await throughputOurs(connection, jobs, round));
      } else {
        ours.push(await throughputOurs(connection, jobs, round));
        raw.push(await throughputRaw(connection, jobs, round));
      }
    }
    const progressOurs = await progressLatencyOurs(connection, samples);
    const progressRaw = await progressLatencyRaw(connection, samples);
    const cancel = await cancelLatency(redis.url, cancels);

    const best = (list) => Math.max(...list);
    const ratio = best(ours) / best(raw);
    // Each round's two runs are neighbours in time: their ratio is less exposed to a machine whose load changes.
    const paired = median(ours.map((value, i) => value / raw[i]));
    const rows = [
      ["throughput, trivial jobs, concurrency 50 (jobs/s), best round", fmt(best(ours)), fmt(best(raw)), pct(ratio), ">= 85%", ratio >= 0.85],
      ["  median of the per-round ratios", "", "", pct(paired), ">= 85%", paired >= 0.85],
      ["  rounds (jobs/s)", ours.map(fmt).join(" "), raw.map(fmt).join(" "), "", "", undefined],
      ["progress latency, median (ms)", ms(median(progressOurs)), ms(median(progressRaw)), "", "", undefined],
      ["progress latency, p99 (ms)", ms(p99(progressOurs)), ms(p99(progressRaw)), "", "<= 5 + throttle", p99(progressOurs) <= 5],
      ["cross-process cancel -> ctx.signal, median (ms)", ms(median(cancel)), "n/a", "", "", undefined],
      ["cross-process cancel -> ctx.signal, p99 (ms)", ms(p99(cancel)), "n/a", "", "<= 50", p99(cancel) <= 50],
    ];
    print(rows, { jobs, rounds, samples, cancels, redis: redis.started ? "started by the bench" : "REDIS_URL" });
  } finally {
    await redis.stop();
  }
}

async function throughputRaw(connection, jobs, round) {
  const name = `bench-raw-${process.pid}-${round}`;
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  const worker = new Worker(name, async (job) => job.data.x + 1, { connection, concurrency: 50 });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  const pending = new Map();
  events.on("completed", ({ jobId, returnvalue }) => {
    const resolve = pending.get(jobId);
    if (resolve === undefined) return;
    pending.delete(jobId);
    resolve(returnvalue);
  });
  events.on("failed", ({ jobId, failedReason }) => pending.get(jobId)?.(new Error(failedReason)));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: jobs }, (_, i) => {
      const jobId = `j${i}`;
      const done = new Promise((resolve) => pending.set(jobId, resolve));
      return queue.add("inc", { x: i }, { jobId }).then(() => done);
    }),
  );
  const elapsed = performance.now() - start;
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return (jobs / elapsed) * 1000;
}

async function throughputOurs(connection, jobs, round) {
  const name = `bench-ours-${process.pid}-${round}`;
  const server = serve(name, { inc: (input) => input.x + 1 }, { connection, concurrency: 50 });
  const client = new JobClient(name, { connection });
  await server.ready;
  await client.run("inc", { x: 0 }); // the client's QueueEvents is ready, as the raw contender's is
  const start = performance.now();
  await Promise.all(Array.from({ length: jobs }, (_, i) => client.run("inc", { x: i })));
  const elapsed = performance.now() - start;
  await client.close();
  await server.close();
  const queue = new Queue(name, { connection });
  await queue.obliterate({ force: true });
  await queue.close();
  return (jobs / elapsed) * 1000;
}

async function progressLatencyOurs(connection, samples) {
  const name = `bench-progress-${process.pid}`;
  let ack;
  const server = serve(
    name,
    {
      async ping(n, ctx) {
        for (let i = 0; i < n; i++) {
          const acked = new Promise((resolve) => (ack = resolve));
          ctx.report(now());
          await acked;
        }
        return n;
      },
    },
    { connection, progressIntervalMs: 0 },
  );
  const client = new JobClient(name, { connection });
  await server.ready;
  const latencies = [];
  const op = client.run("ping", samples);
  op.onProgress((sent) => {
    latencies.push(now() - sent);
    ack();
  });
  await op;
  await client.close();
  await server.close();
  await obliterate(connection, name);
  return latencies;
}

async function progressLatencyRaw(connection, samples) {
  const name = `bench-progress-raw-${process.pid}`;
  let ack;
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  const worker = new Worker(
    name,
    async (job) => {
      for (let i = 0; i < job.data.n; i++) {
        const acked = new Promise((resolve) => (ack = resolve));
        await job.updateProgress(now());
        await acked;
      }
      return job.data.n;
    },
    { connection },
  );
  await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  const latencies = [];
  const done = new Promise((resolve) => events.on("completed", resolve));
  events.on("progress", ({ data }) => {
    latencies.push(now() - data);
    ack();
  });
  await queue.add("ping", { n: samples });
  await done;
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return latencies;
}

async function cancelLatency(url, samples) {
  const name = `bench-cancel-${process.pid}`;
  const connection = connectionOf(url);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--consumer"], {
    env: { ...process.env, REDIS_URL: url, QUEUE: name },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = lineReader(child.stdout);
  await lines.next(); // ready
  const client = new JobClient(name, { connection });
  const latencies = [];
  for (let i = 0; i < samples; i++) {
    const op = client.run("hold", null);
    await lines.next(); // started
    const sent = now();
    op.cancel();
    const { aborted } = JSON.parse(await lines.next());
    latencies.push(aborted - sent);
    await op[Symbol.asyncDispose]();
  }
  await client.close();
  child.stdin.end();
  await new Promise((resolve) => child.once("exit", resolve));
  await obliterate(connection, name);
  return latencies;
}

async function consumer() {
  const connection = connectionOf(process.env.REDIS_URL);
  const write = (value) => process.stdout.write(JSON.stringify(value) + "\n");
  const server = serve(
    process.env.QUEUE,
    {
      async hold(_input, ctx) {
        await new Promise((resolve) => {
          ctx.signal.addEventListener("abort", () => {
            write({ aborted: now() });
            resolve();
          });
          write({ started: now() });
        });
      },
    },
    { connection },
  );
  await server.ready;
  write({ ready: true });
  process.stdin.resume();
  process.stdin.on("end", () => void server.close());
}

function lineReader(stream) {
  stream.setEncoding("utf8");
  let buffer = "";
  const lines = [];
  const waiting = [];
  stream.on("data", (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (waiting.length > 0) waiting.shift()(line);
      else lines.push(line);
    }
  });
  return { next: () => (lines.length > 0 ? Promise.resolve(lines.shift()) : new Promise((resolve) => waiting.push(resolve))) };
}

async function obliterate(connection, name) {
  const queue = new Queue(name, { connection });
  await queue.obliterate({ force: true });
  await queue.close();
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p99(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

const fmt = (value) => Math.round(value).toLocaleString("en-US");
const ms = (value) => value.toFixed(2);
const pct = (value) => `${(value * 100).toFixed(0)}%`;

/** The figures as one Markdown table, then the rows with a target as one targets block (bench/common.mjs). */
function print(rows, info) {
  printHeader(console.log, "winrt-async/bullmq benchmark", {
    smoke,
    details: `Redis ${info.redis}; ${info.jobs} jobs x ${info.rounds} rounds, ${info.samples} progress samples, ${info.cancels} cancels`,
  });
  console.log("");
  for (const line of markdownTable(["scenario", "winrt-async:", "raw BullMQ:", "ratio:"], rows.map((row) => row.slice(0, 4)))) {
    console.log(line);
  }
  const targets = new Targets("DESIGN 3.1");
  for (const [scenario, ours, , ratio, target, met] of rows) {
    if (target) targets.check(`${scenario}: ${target}`, String(ratio || ours), met);
  }
  targets.print(console.log);
}

// Last, so every helper above is initialized before it runs.
if (process.argv.includes("--consumer")) await consumer();
else await main();
