// What the benchmark files share, so `npm run bench` prints one format throughout: a title with the machine line
// under it, then each scenario as a Markdown table (the format of the README's tables, ready to paste), then at
// most one targets block, at the end. Every line fits 100 columns (MAX_COLUMNS; test/helpers/bench-smoke.ts
// checks it and the single targets block on every bench's smoke run). Also: timing one batch and summarizing the
// rounds of a contender.
import os from "node:os";

/** The widest line a benchmark prints. */
export const MAX_COLUMNS = 100;

/** "CPU model, cores, memory, Node version, date": printed under every title. */
export function describeMachine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** The title, the machine line, and for a smoke run a line saying its numbers mean nothing. */
export function printHeader(log, title, { smoke = false, details } = {}) {
  log(title);
  log(describeMachine());
  if (details) log(details);
  if (smoke) log("(smoke run: tiny sizes, numbers meaningless)");
}

/** Awaits `fn(size)`; returns nanoseconds per item. */
export async function time(fn, size) {
  const start = process.hrtime.bigint();
  await fn(size);
  return Number(process.hrtime.bigint() - start) / size;
}

/** `{ best, median, spread }` of one contender's samples (spread: worst over best, minus one). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const best = sorted[0];
  const median = sorted[Math.floor(sorted.length / 2)];
  return { best, median, spread: sorted.length > 1 ? (sorted[sorted.length - 1] - best) / best : 0 };
}

/**
 * A Markdown table as lines: `header` names the columns (a name ending in ":" is right-aligned, the colon
 * dropped), `rows` are arrays of cells. Columns are padded to line up, as long as the widest row still fits
 * MAX_COLUMNS; otherwise the cells stay unpadded, which Markdown renders the same.
 */
export function markdownTable(header, rows) {
  const right = header.map((name) => name.endsWith(":"));
  const names = header.map((name) => (name.endsWith(":") ? name.slice(0, -1) : name));
  const cells = [names, ...rows.map((row) => row.map(String))];
  const widths = names.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? "").length)));
  const padded = widths.reduce((sum, width) => sum + width + 3, 1) <= MAX_COLUMNS;
  const pad = (text, i) => (padded ? (right[i] ? text.padStart(widths[i]) : text.padEnd(widths[i])) : text);
  const line = (row) => `| ${row.map((cell, i) => pad(cell ?? "", i)).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (padded ? "-".repeat(width + 1) : "---") + (right[i] ? ":" : "-")).join("|")}|`;
  return [line(names), rule, ...cells.slice(1).map(line)];
}

/** Prints one scenario: a row per contender with its best time, spread and ratio to the first row. */
export function printTable(log, name, unit, size, rows) {
  log(`\n${name} (n = ${size.toLocaleString("en-US")}, best of rounds)\n`);
  const body = rows.map((row) => [
    row.contender,
    row.best.toFixed(1),
    `${(row.spread * 100).toFixed(0)}%`,
    `${row.ratio.toFixed(2)}x`,
  ]);
  for (const line of markdownTable(["contender", `${unit}:`, "spread:", "ratio:"], body)) log(line);
}

/**
 * The targets a benchmark checks, collected while it runs and printed once, at the end, as one table:
 * `check(target, measured, ok)` for a target met or not, `note(target, measured)` for an informative figure.
 */
export class Targets {
  constructor(source) {
    this.source = source;
    this.rows = [];
  }

  check(target, measured, ok) {
    this.rows.push([target, measured, ok ? "met" : "NOT met"]);
  }

  note(target, measured) {
    this.rows.push([target, measured, "(informative)"]);
  }

  /** Prints the block (nothing when no target was checked). */
  print(log) {
    if (this.rows.length === 0) return;
    log(`\nTargets (${this.source}), as measured in this run\n`);
    for (const line of markdownTable(["target", "measured:", ""], this.rows)) log(line);
  }
}
