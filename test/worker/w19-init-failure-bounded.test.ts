// DESIGN 4.7 rule 8 (issue 16 item 1): a module that calls expose() and then fails before any task started (a
// throw in a timer or a microtask, an unhandled rejection, an exit) counts as a failed load: the pool backs off
// between thread starts, re-queues the operation a bounded number of times, then ends it DisconnectedError whose
// cause is the last crash; the process then exits by itself. Whole-process tests, bounded in time, so a pool that
// restarts the thread forever fails the test instead of hanging it; the starts are counted, not timed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { HResult } from "../../src/index.js";
import { runScript } from "../helpers/run-script.js";
import { fixtureUrl } from "../helpers/worker.js";

const workerEntry = pathToFileURL(resolve(import.meta.dirname, "../../dist/worker/index.js")).href;

function runInitFailure(mode: string): { result: ReturnType<typeof runScript>; starts: number } {
  const dir = mkdtempSync(join(tmpdir(), "winrt-async-starts-"));
  const counter = join(dir, "starts.txt");
  try {
    const url = fixtureUrl("init-fails.mjs").href;
    const result = runScript(
      `
process.env.WINRT_ASYNC_LOAD_COUNTER = ${JSON.stringify(counter)};
process.env.WINRT_ASYNC_INIT_FAILURE = ${JSON.stringify(mode)};
import { WorkerPool } from ${JSON.stringify(workerEntry)};
const pool = new WorkerPool(new URL(${JSON.stringify(url)}), { size: 1 });
const op = pool.run("echo", 1);
const error = await op.then(() => undefined, (reason) => reason);
console.log(JSON.stringify({ status: op.status, name: error?.name, hresult: error?.hresult, cause: error?.cause?.message ?? null, exitCode: error?.cause?.exitCode ?? null }));
`,
      20_000,
    );
    let starts = 0;
    try {
      starts = readFileSync(counter, "utf8").split("\n").filter(Boolean).length;
    } catch {
      starts = 0;
    }
    return { result, starts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a module that fails after expose() and before any task", () => {
  for (const mode of ["timer", "microtask", "reject", "exit"]) {
    it(`(${mode}) ends the operation DisconnectedError with the last crash as cause, after a handful of starts; the process exits`, () => {
      const { result, starts } = runInitFailure(mode);
      expect(result.signal).toBeNull();
      expect(result.status).toBe(0);
      const line = JSON.parse(result.stdout.trim()) as { status: number; name: string; hresult: number; cause: string | null; exitCode: number | null };
      expect(line.status).toBe(3);
      expect(line.name).toBe("DisconnectedError");
      expect(line.hresult).toBe(HResult.RPC_E_DISCONNECTED);
      if (mode === "exit") expect(line.exitCode).toBe(3);
      else expect(line.cause).toBe("missing config");
      expect(starts).toBeGreaterThanOrEqual(1);
      expect(starts).toBeLessThanOrEqual(6);
    }, 30_000);
  }
});
