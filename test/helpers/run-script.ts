// Runs a small ESM script against the built package (dist/, which `npm test` builds before the tests run) in a
// child process, for behaviour that only a whole process shows: uncaught exceptions, warnings, exiting on its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const distEntry = resolve(import.meta.dirname, "../../dist/index.js");

export interface ScriptResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `source` may import from the placeholder module specifier "winrt-async". Times out after `timeoutMs`.
 * `nodeArgs` go to node before the script (e.g. `--expose-gc`).
 */
export function runScript(source: string, timeoutMs = 10_000, nodeArgs: readonly string[] = []): ScriptResult {
  if (!existsSync(distEntry)) throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  const dir = mkdtempSync(join(tmpdir(), "winrt-async-script-"));
  try {
    const file = join(dir, "script.mjs");
    writeFileSync(file, source.replaceAll('"winrt-async"', JSON.stringify(pathToFileURL(distEntry).href)));
    const result = spawnSync(process.execPath, [...nodeArgs, file], { encoding: "utf8", timeout: timeoutMs });
    return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
