// winrt-async demo: several operations at once, with live progress bars, cancellation, failure and timeout.
//
//   npm start            (builds, then runs this file)
//
// On a terminal the bars are redrawn in place with ANSI escape codes; when stdout is a pipe or a file the
// demo prints plain lines instead (one per status change, plus a line when a task passes 50%).
// Ctrl+C cancels whatever is still running and the demo still ends with its summary and exit code 0.
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncError,
  AsyncOperationWithProgress,
  AsyncStatus,
  HResult,
  hresultOf,
  onUnobservedError,
  progressUpdates,
} from "../dist/index.js";

const tty = process.stdout.isTTY === true;
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(2).padStart(5)}s`;

// AsyncStatus maps names to numbers; the demo prints names, so invert it once.
const statusName = (status) => Object.keys(AsyncStatus).find((name) => AsyncStatus[name] === status) ?? `?${status}`;
const hex = (error) => `0x${(hresultOf(error) >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
const describeError = (error) => {
  // A timeout's cause is a DOMException named "TimeoutError": show both the class and the name.
  const c = error?.cause;
  const kind = c?.constructor?.name && c.constructor.name !== c.name ? `${c.constructor.name} ` : "";
  const cause = c === undefined ? "" : ` (cause: ${kind}${c.name}: ${c.message})`;
  return `${error?.name} ${hex(error)}: ${error?.message}${cause}`;
};

// One step of simulated work. The timer is cleared the moment the operation is canceled (ctx.signal aborts
// inside cancel()), so a canceled body unwinds at once and no timer is left to keep the process alive.
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
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
}

// A body for the progress kinds: `steps` timer ticks, reporting a percentage after each one. It may fail
// on purpose after step `failAt`. Rejecting with the signal's reason (a CanceledError) after cancellation
// changes nothing: the status is already `canceled` and stays so.
async function steppedWork(ctx, { steps, stepMs, failAt = Infinity, result }) {
  for (let step = 1; step <= steps; step++) {
    await sleep(stepMs, ctx.signal);
    ctx.report(Math.round((step * 100) / steps));
    if (step === failAt) {
      throw new AsyncError("upload rejected: the archive name contains '?'", { hresult: HResult.E_INVALIDARG });
    }
  }
  return result;
}

// ---- Output: a block of bars (TTY) or plain lines (pipe) ---------------------------------------------------
const rows = [];
let pendingLines = []; // log lines waiting to be printed above the bars
let drawn = 0; // how many bar lines are on screen, so the next redraw can move up over them
const color = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const statusColor = { started: 36, completed: 32, canceled: 33, error: 31 };

function log(line) {
  if (!tty) return console.log(line);
  pendingLines.push(line);
  render();
}

function formatRow(row) {
  const width = 24;
  const filled = row.percent === undefined ? 0 : Math.round((row.percent / 100) * width);
  const bar = row.percent === undefined ? "·".repeat(width) : "█".repeat(filled) + "░".repeat(width - filled);
  const pct = row.percent === undefined ? "  --" : `${String(row.percent).padStart(3)}%`;
  const name = statusName(row.op.status);
  const plain = `${row.op.description.padEnd(20)} ${bar} ${pct}  ${name}`;
  // A line as wide as the terminal would wrap and spoil the redraw's line count: cut it (colourless) instead.
  const cols = process.stdout.columns || 80;
  if (plain.length >= cols) return plain.slice(0, cols - 1);
  return plain.slice(0, -name.length) + color(statusColor[name], name);
}

// Redraw in place: move the cursor up over the old bars, clear to the end of the screen, print any new
// log lines (so they scroll away above the bars), then the bars again.
function render() {
  if (!tty) return;
  // "\r" first: the terminal may have echoed "^C" after the bars, and moving up keeps the column.
  let out = drawn > 0 ? `\r\x1b[${drawn}A\x1b[J` : "";
  for (const line of pendingLines) out += `${line}\n`;
  pendingLines = [];
  for (const row of rows) out += `${formatRow(row)}\n`;
  drawn = rows.length;
  process.stdout.write(out);
}

// ---- Wiring an operation: status changes, errors, progress -------------------------------------------------
function track(op) {
  const row = { op, percent: undefined, halfwayShown: false };
  rows.push(row);
  log(`[${elapsed()}] #${op.id} ${op.description}: ${statusName(op.status)}`);
  // `completed` is the WinRT-style handler: called once, on a microtask, with (op, terminalStatus).
  // `row.logged` settles once everything about this operation is printed, so the summary (and the close
  // that follows it) never races a late log line.
  row.logged = new Promise((resolve) => {
    op.completed = (sender, status) => {
      const name = statusName(status);
      log(`[${elapsed()}] #${sender.id} ${sender.description}: ${color(statusColor[name], name)}`);
      if (status === AsyncStatus.completed) return resolve();
      // For the failure detail we await the operation: for `canceled` that is the only way to get the
      // CanceledError and its cause (getResults() throws IllegalMethodCallError on a canceled operation).
      sender.catch((error) => log(`           ↳ ${describeError(error)}`)).then(resolve);
    };
  });
  // progressUpdates() yields the latest percentage; a slow renderer just skips values in between.
  row.following =
    typeof op.onProgress === "function"
      ? (async () => {
          for await (const percent of progressUpdates(op)) {
            row.percent = percent;
            if (!tty && percent >= 50 && !row.halfwayShown) {
              row.halfwayShown = true;
              log(`[${elapsed()}] #${op.id} ${op.description}: ${percent}%`);
            }
            render();
          }
        })()
      : Promise.resolve();
  return op;
}

// ---- The scenario ------------------------------------------------------------------------------------------
// Nothing we did not see should fail silently: print anything the library reports as unobserved.
const unobserved = onUnobservedError((error, op) => log(`unobserved error in #${op.id}: ${describeError(error)}`));
if (tty) process.stdout.write("\x1b[?25l"); // hide the cursor while the bars move

const download = track(
  AsyncOperationWithProgress.run((ctx) => steppedWork(ctx, { steps: 12, stepMs: 250, result: "report.pdf, 4.2 MB" }), {
    description: "download report",
  }),
);
const index = track(
  AsyncOperationWithProgress.run((ctx) => steppedWork(ctx, { steps: 20, stepMs: 200, result: 1234 }), {
    description: "index photos",
  }),
);
const upload = track(
  AsyncActionWithProgress.run((ctx) => steppedWork(ctx, { steps: 16, stepMs: 150, failAt: 9 }), {
    description: "upload backup",
  }),
);
// The linked signal: when AbortSignal.timeout fires, the operation is canceled and awaiting it rejects with
// a CanceledError whose cause is the signal's reason, a TimeoutError DOMException.
const sync = track(
  AsyncOperationWithProgress.run((ctx) => steppedWork(ctx, { steps: 25, stepMs: 160, result: "42 messages" }), {
    description: "sync mailbox (2.5s)",
    signal: AbortSignal.timeout(2500),
  }),
);
// A plain AsyncAction (no progress) that stops its timer through ctx.onCancel instead of ctx.signal.
const warmUp = track(
  AsyncAction.run(
    (ctx) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, 1000);
        // Runs inside cancel(). Settling the body lets asyncDispose finish; the status stays `canceled`.
        ctx.onCancel(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    { description: "warm up cache" },
  ),
);
const ops = [download, index, upload, sync, warmUp];

// The demo itself cancels "index photos" midway, as a user pressing a Cancel button would.
const cancelTimer = setTimeout(() => {
  log(`[${elapsed()}] demo calls cancel() on #${index.id} ${index.description}`);
  index.cancel();
}, 1500);

// Ctrl+C: cancel everything still running; the awaits below then finish and the demo ends normally (exit 0).
// Once the operations are being closed there is nothing left to cancel (and a closed one refuses `status`).
let closing = false;
function onSigint() {
  if (closing) return;
  clearTimeout(cancelTimer);
  log(`[${elapsed()}] Ctrl+C: canceling what is still running`);
  for (const op of ops) {
    if (op.status !== AsyncStatus.started) continue;
    op.cancel();
    log(`           ↳ canceled #${op.id} ${op.description}`);
  }
}
process.on("SIGINT", onSigint);

try {
  // Operations are thenables, so Promise.allSettled waits for all of them whatever their outcome.
  const outcomes = await Promise.allSettled(ops);
  await Promise.all(rows.flatMap((row) => [row.logged, row.following]));
  clearTimeout(cancelTimer);
  render();

  // Summary, read before the operations are closed (a closed operation refuses every query).
  const table = ops.map((op, i) => {
    const o = outcomes[i];
    const detail =
      o.status === "fulfilled"
        ? `result: ${o.value === undefined ? "(none)" : JSON.stringify(o.value)}`
        : describeError(o.reason);
    return [op.description, statusName(op.status), detail];
  });
  const widths = [0, 1].map((c) => Math.max(...table.map((r) => r[c].length), c === 0 ? 11 : 6));
  console.log(`\nSummary after ${elapsed().trim()}:`);
  console.log(`  ${"description".padEnd(widths[0])}  ${"status".padEnd(widths[1])}  result / error`);
  for (const [desc, status, detail] of table) {
    console.log(`  ${desc.padEnd(widths[0])}  ${color(statusColor[status], status.padEnd(widths[1]))}  ${detail}`);
  }

  // Deterministic close: asyncDispose waits until each body has unwound (its timers cleared), then closes.
  closing = true;
  await Promise.all(ops.map((op) => op[Symbol.asyncDispose]()));
} finally {
  if (tty) process.stdout.write("\x1b[?25h"); // always give the cursor back
  process.off("SIGINT", onSigint);
  unobserved[Symbol.dispose]();
}
