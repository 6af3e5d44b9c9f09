// What the benchmark files share: the machine line every table is printed under, timing one batch, summarizing
// the rounds of a contender, and printing one scenario's table of best time, spread and ratio.
import os from "node:os";

/** "CPU model, cores, memory, Node version, date": printed with every table. */
export function describeMachine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
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

/** Prints one scenario: a row per contender with its best time, spread and ratio to the first row. */
export function printTable(log, name, unit, size, rows) {
  log(`\n${name}  (n = ${size.toLocaleString("en-US")}, best of rounds)`);
  log(`  ${"contender".padEnd(30)} ${unit.padStart(10)} ${"spread".padStart(8)} ${"ratio".padStart(8)}`);
  for (const row of rows) {
    log(
      `  ${row.contender.padEnd(30)} ${row.best.toFixed(1).padStart(10)} ${`${(row.spread * 100).toFixed(0)}%`.padStart(8)} ${`${row.ratio.toFixed(2)}x`.padStart(8)}`,
    );
  }
}
