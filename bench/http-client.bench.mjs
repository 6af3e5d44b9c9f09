// winrt-async/http, the client side (DESIGN 4.6, issue 18): latencies on loopback, each beside a hand-written
// baseline on the same server stack (@hono/node-server, the chosen Node bridge) and the same parser
// (eventsource-parser), so the ratio says what the operation layer costs:
//   - progress latency: the body's ctx.report(value) to the client operation's onProgress listener, one value at a
//     time (the body reports the next value once the client saw this one, so conflation never merges them).
//     Baseline: a hand-written SSE route writing `data: value` and a fetch reader feeding the parser.
//   - cancel to the body's signal: op.cancel() in the client to the abort listener of ctx.signal in the body
//     (the DELETE's round trip and the server's cancel). Baseline: a hand-written DELETE route aborting an
//     AbortController.
// Server and client share this process (one clock; both sides' work is on the one event loop, as it is for a
// page and a local dev server, which makes these figures upper bounds). Targets: progress p99 <= 5 ms, cancel p99
// <= 10 ms. `--smoke` runs everything once at a tiny size (the suite does, so this file cannot rot); nothing here
// asserts anything about time.
//
//   node bench/http-client.bench.mjs            (after npm run build)
//   node bench/http-client.bench.mjs --smoke
/* global fetch, Response, ReadableStream, TextEncoder, TextDecoder -- the Fetch API of Node 20 */
import { once } from "node:events";
import { serve } from "@hono/node-server";
import { createParser } from "eventsource-parser";
import { OperationClient, operationsHandler } from "../dist/http/index.js";
import { markdownTable, printHeader, Targets } from "./common.mjs";

const smoke = process.argv.includes("--smoke");
const PROGRESS_VALUES = smoke ? 20 : 2_000;
const CANCEL_TRIALS = smoke ? 5 : 300;
const WARMUP = smoke ? 2 : 100;
const log = (line) => console.log(line);

/** Serves `fetch` on 127.0.0.1 (a free port); returns its origin and a stop function. */
async function listen(fetch) {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** One scenario as a Markdown table (ms), the last row the baseline; returns the first row's stats. */
function printLatencies(name, rows) {
  log(`\n${name} (ms; ratio of p99 to baseline)\n`);
  const base = rows[rows.length - 1].stats.p99;
  const body = rows.map(({ contender, stats: s }) => [
    contender,
    s.p50.toFixed(3),
    s.p99.toFixed(3),
    s.max.toFixed(3),
    `${(s.p99 / base).toFixed(2)}x`,
  ]);
  for (const line of markdownTable(["contender", "p50:", "p99:", "max:", "ratio:"], body)) log(line);
  return { ours: rows[0].stats, base: rows[rows.length - 1].stats };
}

/** Checks `ours.p99 <= limit` ms into `targets`, the baseline's p99 beside it. */
function checkP99(targets, name, limit, { ours, base }) {
  targets.check(`${name}: p99 <= ${limit} ms`, `${ours.p99.toFixed(3)} ms (baseline ${base.p99.toFixed(3)} ms)`, ours.p99 <= limit);
}

/** A handshake between the body (reports value i, waits) and the reader (saw value i, wakes the body). */
function handshake() {
  let wake = () => undefined;
  return {
    wait: () => new Promise((resolve) => (wake = resolve)),
    seen: () => wake(),
  };
}

// ---- progress latency --------------------------------------------------------------------------------------
async function progressWithClient(count) {
  const sent = new Float64Array(count);
  const hand = handshake();
  const tasks = {
    async steps(n, ctx) {
      for (let i = 0; i < n; i++) {
        const next = hand.wait();
        sent[i] = performance.now();
        ctx.report(i);
        await next;
      }
      return n;
    },
  };
  const handler = operationsHandler(tasks);
  const { origin, stop } = await listen(handler);
  const client = new OperationClient(`${origin}/ops`);
  const samples = [];
  const op = client.run("steps", count);
  op.onProgress((i) => {
    samples.push(performance.now() - sent[i]);
    hand.seen();
  });
  await op;
  await client.close();
  await handler.close();
  await stop();
  return samples.slice(Math.min(WARMUP, samples.length - 1));
}

async function progressHandWritten(count) {
  const sent = new Float64Array(count);
  const hand = handshake();
  const encoder = new TextEncoder();
  const fetchHandler = () => {
    let i = 0;
    const body = new ReadableStream({
      async pull(controller) {
        if (i === count) {
          controller.close();
          return;
        }
        const next = hand.wait();
        sent[i] = performance.now();
        controller.enqueue(encoder.encode(`id: ${i}\nevent: progress\ndata: ${i}\n\n`));
        i++;
        await next;
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  };
  const { origin, stop } = await listen(fetchHandler);
  const samples = [];
  const response = await fetch(`${origin}/sse`, { headers: { accept: "text/event-stream" } });
  const parser = createParser({
    onEvent(event) {
      const i = Number(event.data);
      samples.push(performance.now() - sent[i]);
      hand.seen();
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  await stop();
  return samples.slice(Math.min(WARMUP, samples.length - 1));
}

// ---- cancel to the body's signal ---------------------------------------------------------------------------
async function cancelWithClient(trials) {
  let entered = () => undefined;
  let aborted = () => undefined;
  let canceledAt = 0;
  const tasks = {
    wait(_input, ctx) {
      return new Promise((resolve) => {
        ctx.signal.addEventListener("abort", () => {
          aborted(performance.now() - canceledAt);
          resolve();
        });
        ctx.report(1);
        entered();
      });
    },
  };
  const handler = operationsHandler(tasks);
  const { origin, stop } = await listen(handler);
  const client = new OperationClient(`${origin}/ops`);
  const samples = [];
  for (let t = 0; t < trials + WARMUP; t++) {
    const running = new Promise((resolve) => (entered = resolve));
    const op = client.run("wait");
    await running;
    await new Promise((resolve) => op.onProgress(resolve)); // the POST's answer arrived: the id is known
    const reached = new Promise((resolve) => (aborted = resolve));
    canceledAt = performance.now();
    op.cancel();
    const ms = await reached;
    if (t >= WARMUP) samples.push(ms);
    await op[Symbol.asyncDispose]();
  }
  await client.close();
  await handler.close();
  await stop();
  return samples;
}

async function cancelHandWritten(trials) {
  const controllers = new Map();
  let next = 0;
  let canceledAt = 0;
  let aborted = () => undefined;
  const fetchHandler = (request) => {
    const id = new URL(request.url).pathname.slice(1);
    if (request.method === "POST") {
      const key = String(next++);
      const controller = new AbortController();
      controller.signal.addEventListener("abort", () => aborted(performance.now() - canceledAt));
      controllers.set(key, controller);
      return new Response(JSON.stringify({ id: key }), { status: 201, headers: { "content-type": "application/json" } });
    }
    controllers.get(id)?.abort();
    controllers.delete(id);
    return new Response(null, { status: 202 });
  };
  const { origin, stop } = await listen(fetchHandler);
  const samples = [];
  for (let t = 0; t < trials + WARMUP; t++) {
    const { id } = await (await fetch(`${origin}/`, { method: "POST" })).json();
    const reached = new Promise((resolve) => (aborted = resolve));
    canceledAt = performance.now();
    const response = await fetch(`${origin}/${id}`, { method: "DELETE" });
    await response.body?.cancel();
    const ms = await reached;
    if (t >= WARMUP) samples.push(ms);
  }
  await stop();
  return samples;
}

printHeader(log, "winrt-async/http client benchmark (latencies on loopback)", {
  smoke,
  details: "Server and client in this process, on one event loop: the figures are upper bounds.",
});
const targets = new Targets("DESIGN 4.6, issue 18");
const progress = printLatencies(`progress: ctx.report -> client listener, ${PROGRESS_VALUES.toLocaleString("en-US")} values one at a time`, [
  { contender: "OperationClient (POST stream)", stats: stats(await progressWithClient(PROGRESS_VALUES + WARMUP)) },
  { contender: "hand-written SSE + parser", stats: stats(await progressHandWritten(PROGRESS_VALUES + WARMUP)) },
]);
checkP99(targets, "progress, OperationClient", 5, progress);
const cancel = printLatencies(`cancel: op.cancel() -> body's ctx.signal, ${CANCEL_TRIALS} trials`, [
  { contender: "OperationClient (DELETE)", stats: stats(await cancelWithClient(CANCEL_TRIALS)) },
  { contender: "hand-written DELETE route", stats: stats(await cancelHandWritten(CANCEL_TRIALS)) },
]);
checkP99(targets, "cancel, OperationClient", 10, cancel);
targets.print(log);
