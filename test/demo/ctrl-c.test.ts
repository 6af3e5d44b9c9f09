// Ctrl+C during the demo: everything still running is canceled, the summary lists each operation with its error
// under it, later sections are skipped, and the process ends by SIGINT, which the shell reports as exit status
// 130; npm start passes that status through (the start script execs node). On a real terminal (through util-linux
// `script`) and through a pipe.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runDemo, visibleLines, type DemoRun } from "./run-demo.js";

/** Once the live view lists running operations. */
const whileRunning = /live operations \(winrt-async\/diagnostics\): [1-9]\d* running/;

/** Checks the summary after Ctrl+C: each canceled operation's error on the line right under it. */
function expectGroupedErrors(run: DemoRun): void {
  const lines = visibleLines(run.stdout).filter((line) => line.trim() !== "");
  const start = lines.findIndex((line) => /^Summary \(Ctrl\+C after [\d.]+s\):$/.test(line));
  expect(start).toBeGreaterThanOrEqual(0);
  const summary = lines.slice(start + 1);
  const canceled = summary.flatMap((line, i) => (/^ {4}#\d+ .* canceled$/.test(line) ? [i] : []));
  expect(canceled.length).toBeGreaterThan(0);
  for (const i of canceled) {
    expect(summary[i + 1]).toMatch(/^ {10}CanceledError ERROR_CANCELLED 0x800704C7: /);
  }
  expect(summary).toContain("  Combinators: whenAll, whenAny, withTimeout: skipped (Ctrl+C)");
  expect(run.stdout).toMatch(/Ctrl\+C: canceling [1-9]\d* running operations?/);
}

describe("Ctrl+C", { timeout: 60_000 }, () => {
  it("on a terminal: the operations are canceled, errors grouped, exit status 130, cursor given back", async () => {
    const run = await runDemo({ tty: { columns: 80, rows: 24 }, interruptWhen: whileRunning });
    expect(run.code).toBe(130);
    expectGroupedErrors(run);
    expect(run.stdout.lastIndexOf("\x1b[?25h")).toBeGreaterThan(run.stdout.lastIndexOf("\x1b[?25l"));
    expect(visibleLines(run.stdout).every((line) => line.length <= 79)).toBe(true);
  });

  it("through a pipe: the process ends by SIGINT (what a shell reports as 130), after the grouped summary", async () => {
    const run = await runDemo({ env: { NO_COLOR: "1" }, interruptWhen: /index photos: started/ });
    expect(run.stderr).toBe("");
    expect(run.code).toBeNull();
    expect(run.signal).toBe("SIGINT");
    expectGroupedErrors(run);
  });

  it("through npm start on a terminal: npm passes 130 through, and prints neither build output nor errors", async () => {
    // The real start script, in a scratch package whose build step only prints (dist/ is already built, and
    // rebuilding it would pull it from under the tests running beside this one).
    const dir = mkdtempSync(join(tmpdir(), "winrt-async-npm-start-"));
    try {
      const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } };
      expect(scripts.start).toMatch(/&& exec node demo\/demo\.mjs$/);
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ name: "npm-start-check", version: "1.0.0", private: true, scripts: { build: "echo BUILD NOISE", start: scripts.start } }),
      );
      mkdirSync(join(dir, "demo"));
      // Node resolves the link, so the demo imports dist/ of this repository.
      symlinkSync(join(root, "demo/demo.mjs"), join(dir, "demo/demo.mjs"));
      const run = await runDemo({ tty: { columns: 80, rows: 24 }, command: "exec npm start", cwd: dir, interruptWhen: whileRunning });
      expect(run.code).toBe(130);
      expect(run.stdout).not.toContain("BUILD NOISE");
      expect(run.stdout).not.toMatch(/npm (error|ERR!)/);
      expectGroupedErrors(run);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
