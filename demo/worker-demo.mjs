// winrt-async/worker demo: CPU-bound tasks on a WorkerPool with live progress bars. One task is canceled midway
// (cooperatively: its loop sees the shared cancel flag, its `finally` runs in the worker and says so); one ignores
// cancellation and has its thread terminated after the pool's grace period. Exits by itself.
//
//   npm run build && node demo/worker-demo.mjs
//
// On a terminal the bars are redrawn in place; when stdout is a pipe or a file it prints plain lines instead.
import { AsyncStatus, hresultOf } from "../dist/index.js";
import { WorkerPool } from "../dist/worker/index.js";

const tty = process.stdout.isTTY === true;
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(2).padStart(5)}s`;
const statusName = (status) => Object.keys(AsyncStatus).find((name) => AsyncStatus[name] === status);
const hex = (error) => `0x${(hresultOf(error) >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;

// ---- output: bars on a terminal, lines otherwise ------------------------------------------------------------
const rows = [];
let drawn = 0;
let pending = [];
function log(line) {
  if (!tty) return console.log(`${elapsed()} ${line}`);
  pending.push(`${elapsed()} ${line}`);
  render();
}
function render() {
  if (!tty) return;
  let out = drawn > 0 ? `\x1b[${drawn}A\x1b[0J` : "";
  for (const line of pending) out += `${line}\n`;
  pending = [];
  for (const row of rows) {
    const width = 30;
    const filled = Math.round((row.percent / 100) * width);
    const status = (row.final ?? "started").padEnd(9);
    out += `${row.label.padEnd(26)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(row.percent).padStart(3)}%  ${status} ${row.note}\n`;
  }
  drawn = rows.length;
  process.stdout.write(out);
}

// ---- the pool and the tasks ----------------------------------------------------------------------------------
// window 1: one CPU-bound task per thread at a time, the rest wait in the pool's queue.
const pool = new WorkerPool(new URL("./worker-demo-tasks.mjs", import.meta.url), { size: 2, window: 1, cancelGraceMs: 500 });

function track(label, op, notes) {
  const row = { label, op, notes, percent: 0, note: "", halfLogged: false, final: undefined };
  rows.push(row);
  op.progress = (_op, percent) => {
    row.percent = percent;
    if (!tty && percent >= 50 && !row.halfLogged) {
      row.halfLogged = true;
      log(`${label}: ${percent}%`);
    }
    render();
  };
  op.completed = (_op, status) => {
    row.final = statusName(status);
    if (status === AsyncStatus.completed) {
      row.percent = 100;
      row.note = `result ${op.getResults().toLocaleString("en-US")}`;
    } else if (status === AsyncStatus.error) {
      row.note = `${op.errorCode.name} ${hex(op.errorCode)}`;
    } else {
      row.note = "(unwinding)";
    }
    log(`${label}: ${statusName(status)}${status !== AsyncStatus.canceled ? ` (${row.note})` : ""}`);
  };
  return row;
}

const notes = () => new Int32Array(new SharedArrayBuffer(8));
const jobs = [
  { label: "primes below 1,500,000", limit: 1_500_000 },
  { label: "primes below 2,000,000 *", limit: 2_000_000 }, // canceled midway
  { label: "primes below 1,000,000", limit: 1_000_000 },
  { label: "primes below 1,200,000", limit: 1_200_000 },
];

log(`WorkerPool: 2 threads, window 1, cancelGraceMs 500. * is canceled at 40%; "stubborn" ignores cancellation.`);
const stubbornNotes = notes();
const stubborn = track("stubborn (ignores cancel)", pool.run("stubborn", { seconds: 60, notes: stubbornNotes }), stubbornNotes);
const tracked = jobs.map(({ label, limit }) => {
  const shared = notes();
  return track(label, pool.run("primes", { limit, notes: shared }, { description: label }), shared);
});

// Cancel the starred job once it passed 40%: its loop sees the shared flag, its finally runs in the worker.
const starred = tracked[1];
const cancelStarred = starred.op.onProgress((percent) => {
  if (percent < 40) return;
  cancelStarred[Symbol.dispose]();
  starred.op.cancel();
  log(`${starred.label}: cancel() at ${percent}%, status ${statusName(starred.op.status)} at once`);
  starred.op[Symbol.asyncDispose]().then(() => {
    const reached = Atomics.load(starred.notes, 1);
    starred.note = "its finally ran in the worker";
    log(`${starred.label}: the worker says its finally ran (stopped at n = ${reached.toLocaleString("en-US")})`);
  });
});

// Cancel the stubborn one once it has run for a while: it is canceled at once, and its thread is terminated
// 500 ms later (its finally never runs); the queued work then runs on the replacement.
const cancelStubborn = stubborn.op.onProgress((percent) => {
  if (percent < 1) return;
  cancelStubborn[Symbol.dispose]();
  const canceledAt = performance.now();
  stubborn.op.cancel();
  log(`stubborn: cancel() while it runs; it ignores it, the grace period is 500 ms`);
  stubborn.op[Symbol.asyncDispose]().then(() => {
    const ms = Math.round(performance.now() - canceledAt);
    const ranFinally = Atomics.load(stubborn.notes, 0) === 1;
    stubborn.note = "its thread was terminated";
    log(`stubborn: its thread was terminated ${ms} ms after cancel (finally ran: ${ranFinally ? "yes" : "no"}); the pool replaced it`);
  });
});

await Promise.allSettled(rows.map((row) => row.op));
await Promise.all(rows.map((row) => row.op[Symbol.asyncDispose]()));
await pool.close();
render();
console.log(`\n${rows.map((row) => `${row.label.replace(" *", "")}: ${row.final}`).join("; ")}`);
console.log("The pool is closed; the process exits by itself.");
