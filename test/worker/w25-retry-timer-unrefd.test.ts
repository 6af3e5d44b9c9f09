// DESIGN 4.1 / issue 16 item 8: the process exits by itself in every case: the back-off timer that delays the
// next thread after a failed load keeps the process alive only while a live operation waits for it; a canceled
// operation behind a load failure holds nothing. Whole-process test.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";
import { fixtureUrl } from "../helpers/worker.js";

const workerEntry = pathToFileURL(resolve(import.meta.dirname, "../../dist/worker/index.js")).href;

describe("the back-off timer never keeps the process alive for nothing", () => {
  it("a canceled operation queued behind a load failure leaves no ref'd timer; the process exits", () => {
    const result = runScript(
      `
import { WorkerPool } from ${JSON.stringify(workerEntry)};
const pool = new WorkerPool(new URL(${JSON.stringify(fixtureUrl("fails-to-load.mjs").href)}), { size: 1 });
const first = pool.run("never");
await first.then(() => undefined, () => undefined);
const second = pool.run("never");
const queued = pool.snapshot().queued;
second.cancel();
await new Promise((r) => setImmediate(r));
const timers = process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
console.log(JSON.stringify({ first: first.status, second: second.status, queued, timers }));
`,
      20_000,
    );
    expect(result.status).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as { first: number; second: number; queued: number; timers: number };
    expect(line).toEqual({ first: 3, second: 2, queued: 1, timers: 0 });
  });

  it("a live operation queued behind a load failure keeps the process alive until it ends", () => {
    const result = runScript(
      `
import { WorkerPool } from ${JSON.stringify(workerEntry)};
const pool = new WorkerPool(new URL(${JSON.stringify(fixtureUrl("fails-to-load.mjs").href)}), { size: 1 });
await pool.run("never").then(() => undefined, () => undefined);
pool.run("never").then(() => console.log("completed"), (error) => console.log(error.name));
`,
      20_000,
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("DisconnectedError");
  });
});
