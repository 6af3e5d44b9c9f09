// Issue 16 item 5: a canceled queued operation releases at once: its input and transfer list are dropped and it
// leaves the queue even while every thread is busy. Whole-process test with --expose-gc: the transferred buffers'
// memory is measured after gc, and the dropped operations are seen collected (FinalizationRegistry).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";
import { tasksUrl } from "../helpers/worker.js";

const workerEntry = pathToFileURL(resolve(import.meta.dirname, "../../dist/worker/index.js")).href;

describe("canceled queued operations release at once", () => {
  it("their transferred buffers and the operations themselves are collectable while every thread is busy", () => {
    const result = runScript(
      `
import { WorkerPool } from ${JSON.stringify(workerEntry)};
const pool = new WorkerPool(new URL(${JSON.stringify(tasksUrl.href)}), { size: 1, window: 1 });
const shared = new SharedArrayBuffer(32);
const flags = new Int32Array(shared, 0, 4);
const busy = pool.run("block", shared);
while (Atomics.load(flags, 0) === 0) await new Promise((r) => setTimeout(r, 5));
let collected = 0;
const registry = new FinalizationRegistry(() => collected++);
const settle = async () => { for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); } };
await settle();
const before = process.memoryUsage().arrayBuffers;
(() => {
  for (let i = 0; i < 64; i++) {
    const bytes = new Uint8Array(1 << 20);
    const op = pool.run("byteLength", { bytes }, { transfer: [bytes.buffer] });
    registry.register(op, i);
    op.cancel();
  }
})();
await settle();
const held = process.memoryUsage().arrayBuffers - before;
console.log(JSON.stringify({ heldMiB: Math.round(held / 2 ** 20), collected, queued: pool.snapshot().queued, busy: busy.status }));
Atomics.store(flags, 1, 1);
await busy;
await pool.close();
`,
      20_000,
      ["--expose-gc"],
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as { heldMiB: number; collected: number; queued: number; busy: number };
    expect(line.busy).toBe(0);
    expect(line.queued).toBe(0);
    expect(line.heldMiB).toBeLessThan(8);
    expect(line.collected).toBe(64);
  });
});
