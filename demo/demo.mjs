// winrt-async demo: operations with live progress, cancellation, failure and timeouts; the combinators whenAll,
// whenAny and withTimeout; CPU-bound tasks on a winrt-async/worker pool (a cooperative cancel and a forced one);
// and a live view of every running operation, read from winrt-async/diagnostics.
//
//   npm start            (builds quietly, then runs this file)
//
// On a terminal the live view is redrawn in place; through a pipe or into a file the demo prints plain lines
// (one per status change) and a snapshot of the live view per section. It honours NO_COLOR and the terminal's
// width (COLUMNS when stdout is not a terminal). Ctrl+C cancels everything still running, lists each operation
// with its error under it, and ends the process by SIGINT, so the shell sees exit status 130 (and a script that
// ran the demo stops too).
//
// Environment: NO_COLOR=1 (no colour), COLUMNS=n (width when not a terminal), WINRT_ASYNC_DEMO_LIVE=1|0 (force
// the live view on or off), WINRT_ASYNC_DEMO_SPEED=n (run n times faster; the tests use it).
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncError,
  AsyncOperationWithProgress,
  AsyncStatus,
  HResult,
  delay,
  onUnobservedError,
  whenAll,
  whenAny,
  withTimeout,
} from "../dist/index.js";
import { liveOperations, trackOperations } from "../dist/diagnostics/index.js";
import { bar, cell, describeError, fit, formatAge, statusName, wrap } from "./format.mjs";
import { createScreen } from "./screen.mjs";
import { workers } from "./worker-section.mjs";

const speed = Number(process.env.WINRT_ASYNC_DEMO_SPEED) > 0 ? Number(process.env.WINRT_ASYNC_DEMO_SPEED) : 1;
/** Demo time: `n` milliseconds at normal speed. */
const ms = (n) => Math.round(n / speed);

const screen = createScreen();
const statusColor = { started: 36, completed: 32, canceled: 33, error: 31 };
const paintStatus = (name, text = name) => screen.paint(statusColor[name] ?? 0, text);
const t0 = performance.now();
const stamp = () => `[${((performance.now() - t0) / 1000).toFixed(2).padStart(5)}s]`;

// ---- What every section shares: tracked operations, Ctrl+C --------------------------------------------------
/** Aborted by Ctrl+C: sections stop starting work, and every tracked operation is canceled. */
const interrupt = new AbortController();
/** One entry per tracked operation, in the order they were tracked. */
const tracked = [];
let currentSection;

/**
 * Follows `op` for the live view, the log and the summary: its status changes are logged (an error together with
 * its operation, never apart), its progress drives a bar, and Ctrl+C cancels it. `label` names an operation that
 * has no description; `percent` turns a progress value into a percentage (default: numbers as they are,
 * `{ completed, total }` as a fraction). Awaits the operation through `then`, which never uses up `completed`.
 */
function track(op, { label, percent } = {}) {
  const entry = {
    op,
    id: op.id,
    section: currentSection?.title ?? "",
    label: label ?? op.description ?? `#${op.id}`,
    percent: undefined,
    status: AsyncStatus.started,
    result: undefined,
    error: undefined,
  };
  tracked.push(entry);
  screen.log(`${stamp()} #${entry.id} ${entry.label}: ${paintStatus("started")}`);
  if (typeof op.onProgress === "function") {
    const toPercent = percent ?? ((p) => (typeof p === "number" ? p : (100 * p.completed) / p.total));
    op.onProgress((p) => {
      entry.percent = Math.round(toPercent(p));
    });
  }
  entry.done = op
    .then(
      (value) => {
        entry.result = value;
      },
      (error) => {
        entry.error = error;
      },
    )
    .then(() => {
      entry.status = op.status;
      const name = statusName(entry.status);
      const lines = [`${stamp()} #${entry.id} ${entry.label}: ${paintStatus(name)}`];
      if (entry.error !== undefined) lines.push(`           ↳ ${describeError(entry.error)}`);
      screen.log(...lines);
    });
  if (interrupt.signal.aborted) op.cancel();
  return op;
}

/** Settles when every tracked operation of the current section has settled and been logged. */
const sectionDone = () => Promise.all(tracked.filter((e) => e.section === currentSection.title).map((e) => e.done));

/** Resolves after `n` ms of demo time, or at once on Ctrl+C. */
function sleep(n) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms(n));
    function done() {
      clearTimeout(timer);
      interrupt.signal.removeEventListener("abort", done);
      resolve();
    }
    interrupt.signal.addEventListener("abort", done, { once: true });
  });
}

// One step of simulated work. The timer is cleared the moment the operation is canceled (ctx.signal aborts inside
// cancel()), so a canceled body unwinds at once and no timer keeps the process alive.
function step(stepMs, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms(stepMs));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A body for the progress kinds: `steps` ticks, reporting a percentage after each; may fail after `failAt`. */
async function steppedWork(ctx, { steps, stepMs, failAt = Infinity, result }) {
  for (let i = 1; i <= steps; i++) {
    await step(stepMs, ctx.signal);
    ctx.report(Math.round((i * 100) / steps));
    if (i === failAt) {
      throw new AsyncError("upload rejected: the archive name contains '?'", { hresult: HResult.E_INVALIDARG });
    }
  }
  return result;
}

const work = (description, options, extra) =>
  AsyncOperationWithProgress.run((ctx) => steppedWork(ctx, options), { description, ...extra });

// ---- The sections -------------------------------------------------------------------------------------------
/** Progress, a cancel() by the program, a failure with an HRESULT, a linked AbortSignal.timeout, onCancel. */
async function operations() {
  track(work("download report", { steps: 12, stepMs: 250, result: "report.pdf, 4.2 MB" }));
  const index = track(work("index photos", { steps: 20, stepMs: 200, result: 1234 }));
  track(
    AsyncActionWithProgress.run((ctx) => steppedWork(ctx, { steps: 16, stepMs: 150, failAt: 9 }), {
      description: "upload backup",
    }),
  );
  // Canceled by the linked signal: awaiting it rejects with a CanceledError whose cause is the signal's reason.
  track(work("sync mailbox (2.5s)", { steps: 25, stepMs: 160, result: "42 messages" }, { signal: AbortSignal.timeout(ms(2500)) }));
  // A plain AsyncAction (no progress) that stops its timer through ctx.onCancel instead of ctx.signal.
  track(
    AsyncAction.run(
      (ctx) =>
        new Promise((resolve) => {
          const timer = setTimeout(resolve, ms(1000));
          // Runs inside cancel(); settling the body lets asyncDispose finish. The status stays `canceled`.
          ctx.onCancel(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
      { description: "warm up cache" },
    ),
  );
  // The program cancels "index photos" midway, as a user pressing a Cancel button would.
  await sleep(700);
  showLiveOperations();
  await sleep(800);
  if (!interrupt.signal.aborted) {
    screen.log(`${stamp()} the demo calls cancel() on #${index.id} index photos`);
    index.cancel();
  }
  await sectionDone();
}

/** whenAll with combined progress, whenAny (the losers are canceled), withTimeout (TimeoutError, ERROR_TIMEOUT). */
async function combinators() {
  const parts = [1, 2, 3].map((n) => track(work(`fetch part ${n}`, { steps: 6 + 2 * n, stepMs: 150, result: n * 100 })));
  track(whenAll(parts, { description: "whenAll(3 parts)" }));

  const mirrors = [
    track(work("mirror eu", { steps: 12, stepMs: 150, result: "eu" })),
    track(work("mirror us", { steps: 8, stepMs: 150, result: "us" })),
  ];
  track(whenAny(mirrors, { description: "whenAny(2 mirrors)" }));

  // delay() is an operation too (it takes the next id): printed like the others, with a description.
  await track(delay(ms(300), { signal: interrupt.signal, description: "delay(0.3s) before the timeout example" })).catch(() => {});
  const query = track(work("slow query", { steps: 30, stepMs: 100, result: "rows" }));
  track(withTimeout(query, ms(1000)), { label: "withTimeout(slow query, 1s)" });

  await sleep(500);
  showLiveOperations();
  await sectionDone();
}

/**
 * The sections, in order. A section is `{ key, title, run }`: `run(demo)` starts its operations, passes each to
 * `demo.track(op, { label, percent })`, and resolves when they have all settled. `demo` also gives `log(line)`,
 * `signal` (aborted on Ctrl+C: start nothing new then), `ms(n)` (demo time) and `sleep(n)`. Sections after a
 * Ctrl+C are skipped. `node demo/demo.mjs KEY...` runs only the sections named (`npm run demo:worker`).
 */
const allSections = [
  { key: "operations", title: "Operations: progress, cancel, failure, timeout", run: operations },
  { key: "combinators", title: "Combinators: whenAll, whenAny, withTimeout", run: combinators },
  { key: "workers", title: "Workers: CPU-bound tasks on a WorkerPool", run: workers },
];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((key) => !allSections.some((section) => section.key === key));
if (unknown.length > 0) {
  console.error(`demo: no section ${unknown.join(", ")}; the sections are ${allSections.map((s) => s.key).join(", ")}`);
  process.exit(2);
}
const sections = chosen.length === 0 ? allSections : allSections.filter((section) => chosen.includes(section.key));

const demo = { track, log: (line) => screen.log(line), signal: interrupt.signal, ms, sleep };

// ---- The live view: every running operation, from winrt-async/diagnostics ------------------------------------
const shortKind = (kind) => kind.replace(/^Async/, "");

/** The live view's lines for a given width: a title, a header, one row per running operation. */
function liveView(max, { limit = Infinity } = {}) {
  const snapshots = liveOperations();
  const byId = new Map(tracked.map((entry) => [entry.id, entry]));
  // Columns: id, kind, description, progress (bar and percentage), age. Narrow terminals lose the kind, then
  // the bar; the description takes what is left.
  let showKind = true;
  let barWidth = 10;
  const fixed = () => 5 + (showKind ? 22 : 0) + (barWidth > 0 ? barWidth + 1 : 0) + 5 + 7;
  if (max - fixed() < 14) showKind = false;
  if (max - fixed() < 10) barWidth = 0;
  const descWidth = Math.max(4, max - fixed());
  const title = `live operations (winrt-async/diagnostics): ${snapshots.length} running`;
  const lines = [screen.paint(1, fit(title, max))];
  const header =
    `${cell("id", 5)}${showKind ? cell("kind", 22) : ""}${cell("description", descWidth)}` +
    `${barWidth > 0 ? cell("progress", barWidth + 1) : ""}${cell(barWidth > 0 ? "" : "done", 5)}${"age".padStart(7)}`;
  lines.push(screen.paint(2, fit(header, max)));
  for (const [i, s] of snapshots.entries()) {
    if (i >= limit) {
      lines.push(screen.paint(2, fit(`… and ${snapshots.length - limit} more`, max)));
      break;
    }
    const entry = byId.get(s.id);
    const percent = entry?.percent;
    const description = s.description ?? entry?.label ?? "(no description)";
    lines.push(
      `${cell(`#${s.id}`, 5)}${showKind ? cell(shortKind(s.kind), 22) : ""}${cell(description, descWidth)}` +
        `${barWidth > 0 ? `${bar(percent, barWidth)} ` : ""}${percent === undefined ? "     " : `${String(percent).padStart(3)}% `}` +
        screen.paint(2, formatAge(s.ageMs).padStart(7)),
    );
  }
  if (snapshots.length === 0) lines.push(screen.paint(2, "(nothing running)"));
  return lines;
}

/** Plain mode: prints the live view once, as a snapshot (live mode shows it all the time). */
function showLiveOperations() {
  if (screen.live || interrupt.signal.aborted) return;
  screen.log("", ...liveView(screen.width()), "");
}

// ---- The summary: each operation, with its result or its error under it --------------------------------------
function printSummary(skipped) {
  const max = screen.width();
  const elapsed = ((performance.now() - t0) / 1000).toFixed(2);
  const out = [""];
  out.push(
    screen.paint(1, fit(interrupted ? `Summary (Ctrl+C after ${elapsed}s):` : `Summary after ${elapsed}s:`, max)),
  );
  const labelWidth = Math.min(30, Math.max(...tracked.map((e) => e.label.length), 11));
  let section;
  for (const entry of tracked) {
    if (entry.section !== section) {
      section = entry.section;
      out.push(fit(`  ${section}`, max));
    }
    const name = statusName(entry.status);
    const head = `    ${cell(`#${entry.id}`, 5)}${cell(entry.label, labelWidth)} `;
    out.push(`${fit(head, max - name.length)}${paintStatus(name)}`);
    const detail =
      entry.error !== undefined
        ? describeError(entry.error)
        : entry.status === AsyncStatus.completed && entry.result !== undefined
          ? `result: ${JSON.stringify(entry.result)}`
          : undefined;
    if (detail !== undefined) out.push(...wrap(detail, max, "          "));
  }
  for (const title of skipped) out.push(fit(`  ${title}: skipped (Ctrl+C)`, max));
  for (const line of out) screen.log(line);
}

// ---- Main ---------------------------------------------------------------------------------------------------
let interruptedAt;
let interrupted = false;

function onSigint() {
  const now = performance.now();
  if (interrupted) {
    // npm forwards the terminal's SIGINT to us once more: only a second, deliberate Ctrl+C forces the exit.
    if (now - interruptedAt > 500) endBySigint();
    return;
  }
  interrupted = true;
  interruptedAt = now;
  const running = tracked.filter((entry) => entry.op.status === AsyncStatus.started);
  screen.log(`${stamp()} Ctrl+C: canceling ${running.length} running operation${running.length === 1 ? "" : "s"}`);
  interrupt.abort();
  for (const entry of running) entry.op.cancel();
}

/** Ends the process by SIGINT, once stdout has taken everything: the shell then reports 130. */
function endBySigint() {
  screen.stop();
  process.off("SIGINT", onSigint);
  process.stdout.write("", () => process.kill(process.pid, "SIGINT"));
}

const tracking = trackOperations();
const unobserved = onUnobservedError((error, op) => screen.log(`unobserved error in #${op.id}: ${describeError(error)}`));
process.on("SIGINT", onSigint);
screen.start();
screen.setFrame((max) => liveView(max, { limit: Math.max(3, (process.stdout.rows || 24) - 8) }));
const skipped = [];
try {
  for (const section of sections) {
    if (interrupt.signal.aborted) {
      skipped.push(section.title);
      continue;
    }
    currentSection = section;
    screen.log("", screen.paint(1, fit(`== ${section.title} ==`, screen.width() - 1)));
    await section.run(demo);
  }
  await Promise.all(tracked.map((entry) => entry.done));
  screen.stop();
  printSummary(skipped);
  screen.log("In a browser: npm run demo:web (tasks held over HTTP from a page).");
  // Deterministic close: asyncDispose waits until each body has unwound (its timers cleared), then closes.
  await Promise.all(tracked.map((entry) => entry.op[Symbol.asyncDispose]()));
} finally {
  screen.stop();
  unobserved[Symbol.dispose]();
  tracking[Symbol.dispose]();
  if (!interrupted) process.off("SIGINT", onSigint);
}
if (interrupted) endBySigint();
