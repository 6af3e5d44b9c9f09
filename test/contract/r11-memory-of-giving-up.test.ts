// Issue 8 item 11: giving up on a long-lived input holds no more than native Promise.race does, measured in the
// same child process (--expose-gc): withTimeout on a promise that never settles, then canceled; whenAny and
// whenAll over it, canceled; a progressUpdates iterator returned early on an operation that keeps running. Bytes
// per give-up are heap growth over many give-ups after full collections; no timing is measured or asserted.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { runScript } from "../helpers/run-script.js";

const GIVE_UPS = 20_000;

function script(kindName: string): string {
  return `
import * as W from "winrt-async";
const K = W[${JSON.stringify(kindName)}];
const N = ${GIVE_UPS};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Heap growth per call of giveUp after full collections, with the long-lived inputs alive throughout. */
async function bytesPer(giveUp) {
  await settle();
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < N; i++) giveUp(i);
  await settle(); await settle();
  gc(); gc();
  return (process.memoryUsage().heapUsed - before) / N;
}
const never = new Promise(() => {});
// A long-lived operation of the kind (with progress where the kind has it) that keeps running.
const running = K.run(() => never);
const withProgress = W.AsyncOperationWithProgress.run(() => never);
const progressSource = K.name.includes("Progress") ? running : withProgress;
const rows = {};
// Two rounds, the second one kept: the first pays for code and inline caches.
for (let round = 0; round < 2; round++) {
  rows.race = await bytesPer(() => { Promise.race([never, Promise.resolve(1)]); });
  rows.withTimeoutPromise = await bytesPer(() => { W.withTimeout(never, 1e9).cancel(); });
  rows.whenAnyPromise = await bytesPer(() => { W.whenAny([never]).cancel(); });
  rows.whenAllPromise = await bytesPer(() => { W.whenAll([never]).cancel(); });
  rows.whenAnyNoCancelOperation = await bytesPer(() => { W.whenAny([running], { cancelLosers: false }).cancel(); });
  rows.progressUpdatesReturn = await bytesPer(() => { W.progressUpdates(progressSource).return(); });
}
if (running.status !== W.AsyncStatus.started) throw new Error("the long-lived input ended");
console.log(JSON.stringify(rows));
`;
}

describe.each(kinds)("$name", (kind) => {
  it(`holds no more per give-up than Promise.race (${GIVE_UPS} give-ups, same process)`, () => {
    const result = runScript(script(kind.name), 60_000, ["--expose-gc"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, number>;
    const race = rows["race"]!;
    // The yardstick must itself be measurable, or the comparison says nothing.
    expect(race).toBeGreaterThan(100);
    for (const [name, bytes] of Object.entries(rows)) {
      if (name === "race") continue;
      expect(bytes, `${name}: ${bytes.toFixed(0)} B vs Promise.race ${race.toFixed(0)} B`).toBeLessThanOrEqual(race);
    }
    // Where nothing needs to stay (our own operations can be unsubscribed from), nothing stays.
    expect(rows["progressUpdatesReturn"]).toBeLessThan(32);
    expect(rows["whenAnyNoCancelOperation"]).toBeLessThan(32);
  }, 120_000);
});
