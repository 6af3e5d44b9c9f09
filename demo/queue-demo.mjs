// winrt-async/bullmq demo: jobs that run in other processes, each one an AsyncOperationWithProgress here.
//
//   npm run demo:queue        (builds, then runs this file; uses REDIS_URL when set, else starts a redis-server)
//
// Two consumer processes serve the same `tasks` object; this process is the producer and draws a live bar per
// job. It cancels one job while another process runs it (that body's ctx.signal aborts there), then kills one
// consumer with SIGKILL: BullMQ's stall handling returns its job to the queue and the other consumer finishes it.
// Everything it started stops at the end and the demo exits by itself. On a pipe it prints plain lines instead.
import { spawn } from "node:child_process";
import { Queue } from "bullmq";
import { fileURLToPath } from "node:url";
import { AsyncStatus } from "../dist/index.js";
import { JobClient, serve } from "../dist/bullmq/index.js";
import { connectionOf, startRedis } from "../test/support/redis-server.mjs";

// One queue per run (passed to the consumers), removed at the end: a shared REDIS_URL keeps nothing of the demo.
const QUEUE = process.env.DEMO_QUEUE ?? `winrt-async-demo-${process.pid}`;
const STEPS = 30;
const STEP_MS = 100;
const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** The tasks both consumers serve (and the producer's types would come from: `JobClient<typeof tasks>`). */
const tasks = {
  async render(input, ctx) {
    const consumer = process.env.CONSUMER_NAME;
    try {
      for (let step = 1; step <= STEPS; step++) {
        await sleep(STEP_MS, ctx.signal);
        ctx.report({ percent: Math.round((step / STEPS) * 100), consumer });
      }
      return { frames: input.frames, renderedBy: consumer };
    } catch (error) {
      if (ctx.canceled) log(`consumer ${consumer}: ${input.name}: ctx.signal aborted (${ctx.signal.reason.name})`);
      throw error;
    }
  },
};

function log(line) {
  process.stdout.write(JSON.stringify({ log: line }) + "\n");
}

async function consumer(connection) {
  const server = serve(QUEUE, tasks, {
    connection,
    concurrency: 2,
    progressIntervalMs: 50,
    // Short locks so a killed consumer's job is noticed in about two seconds (BullMQ's default is 30 s).
    lockDuration: 1500,
    stalledInterval: 500,
  });
  await server.ready;
  log(`consumer ${process.env.CONSUMER_NAME} (pid ${process.pid}) serves "${QUEUE}"`);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close());
}

async function producer() {
  const redis = await startRedis();
  const connection = connectionOf(redis.url);
  const logs = [];
  const tty = process.stdout.isTTY === true;
  const say = (line) => {
    logs.push(line);
    if (!tty) console.log(line);
  };
  say(`Redis: ${redis.started ? `started on ${redis.url}` : `REDIS_URL ${redis.url}`}`);

  const consumers = new Map();
  for (const name of ["A", "B"]) {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--consumer"], {
      env: { ...process.env, CONSUMER_NAME: name, REDIS_URL: redis.url, DEMO_QUEUE: QUEUE },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const ready = new Promise((resolve) => {
      let buffer = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk) => {
        buffer += chunk;
        let i;
        while ((i = buffer.indexOf("\n")) >= 0) {
          const { log: line } = JSON.parse(buffer.slice(0, i));
          buffer = buffer.slice(i + 1);
          say(line);
          resolve();
        }
      });
    });
    consumers.set(name, { child, ready, exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code))) });
  }
  await Promise.all([...consumers.values()].map((c) => c.ready));

  const client = new JobClient(QUEUE, { connection });
  const jobs = ["intro.mp4", "scene-1.mp4", "scene-2.mp4", "credits.mp4"].map((name, i) => {
    const op = client.run("render", { name, frames: 240 * (i + 1) }, { description: name });
    const row = { name, op, percent: 0, consumer: "-", note: "" };
    op.onProgress(({ percent, consumer }) => {
      if (consumer !== row.consumer && row.consumer !== "-") row.note = `restarted on ${consumer}`;
      row.percent = percent;
      row.consumer = consumer;
    });
    return row;
  });
  say(`producer: added ${jobs.length} jobs (${jobs.map((j) => j.op.jobId).join(", ")})`);

  const draw = () => {
    const lines = jobs.map(({ name, op, percent, consumer, note }) => {
      const filled = Math.round(percent / 5);
      const status = Object.keys(AsyncStatus).find((key) => AsyncStatus[key] === op.status);
      return `${name.padEnd(12)} [${"#".repeat(filled)}${".".repeat(20 - filled)}] ${String(percent).padStart(3)}%  ${status.padEnd(9)} on ${consumer}  ${note}`;
    });
    const tail = logs.slice(-8);
    while (tail.length < 8) tail.push("");
    // Redraw in place: back to the first line of the previous frame, then each line cleared and rewritten.
    const frame = [...lines, "", ...tail];
    const up = drawn > 0 ? `\x1b[${drawn}A` : "";
    process.stdout.write(up + frame.map((line) => `\x1b[2K${line}`).join("\n") + "\n");
    drawn = frame.length;
  };
  let drawn = 0;
  const timer = tty ? setInterval(draw, 100) : undefined;

  // 1. Cancel a job while another process runs it.
  const victim = await firstPast(jobs, 25);
  victim.op.cancel();
  victim.note = "canceled here";
  say(`producer: canceled ${victim.name} (running on ${victim.consumer}); status is ${victim.op.status === AsyncStatus.canceled ? "canceled" : "?"} at once`);

  // 2. Kill a consumer that runs a job; BullMQ's stall check hands the job to the other one.
  const target = await firstPast(jobs.filter((j) => j !== victim), 40);
  const killed = consumers.get(target.consumer);
  say(`producer: SIGKILL to consumer ${target.consumer} while it runs ${target.name} at ${target.percent}%`);
  killed.child.kill("SIGKILL");
  target.note = `consumer ${target.consumer} killed`;

  for (const job of jobs) {
    try {
      const result = await job.op;
      say(`producer: ${job.name} completed, rendered by ${result.renderedBy}`);
    } catch (error) {
      say(`producer: ${job.name} ended ${job.op.status === AsyncStatus.canceled ? "canceled" : "in error"} (${error.name})`);
    }
  }
  if (timer !== undefined) {
    clearInterval(timer);
    draw();
  }

  await client.close();
  for (const { child } of consumers.values()) child.stdin.end();
  const exits = await Promise.all([...consumers.entries()].map(async ([name, c]) => `${name}: ${await c.exited}`));
  const queue = new Queue(QUEUE, { connection });
  await queue.obliterate({ force: true });
  await queue.close();
  console.log(`consumers ended (${exits.join(", ")}); queue removed; ${redis.started ? "stopping Redis; " : ""}done.`);
  await redis.stop();
}

/** Resolves with the first job (still running) whose progress passes `percent`. */
function firstPast(jobs, percent) {
  return new Promise((resolve) => {
    const check = () => {
      const found = jobs.find((j) => j.op.status === AsyncStatus.started && j.percent >= percent && j.consumer !== "-");
      if (found === undefined) return false;
      resolve(found);
      return true;
    };
    if (check()) return;
    const disposers = jobs.map((j) => j.op.onProgress(() => check() && disposers.forEach((d) => d[Symbol.dispose]())));
  });
}

if (process.argv.includes("--consumer")) await consumer(connectionOf(process.env.REDIS_URL));
else await producer();
