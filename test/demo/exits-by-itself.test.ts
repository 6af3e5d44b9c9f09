// The demo (npm start) ends by itself with exit status 0 when nobody presses Ctrl+C, through a pipe and with
// NO_COLOR: plain text only, every HRESULT by name, the combinators, a snapshot of the live view, the summary.
import { describe, expect, it } from "vitest";
import { hasColour, runDemo } from "./run-demo.js";

describe("the demo through a pipe, with NO_COLOR", { timeout: 60_000 }, () => {
  it("exits 0 by itself, prints no escape sequence, names HRESULTs and shows the combinators and live view", async () => {
    const run = await runDemo({ env: { NO_COLOR: "1", WINRT_ASYNC_DEMO_SPEED: "2" } });
    expect(run.stderr).toBe("");
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\x1b");
    expect(hasColour(run.stdout)).toBe(false);
    for (const hresult of ["E_INVALIDARG 0x80070057", "ERROR_CANCELLED 0x800704C7", "ERROR_TIMEOUT 0x800705B4"]) {
      expect(run.stdout).toContain(hresult);
    }
    for (const combinator of ["whenAll(3 parts)", "whenAny(2 mirrors)", "withTimeout(slow query, 1s)"]) {
      expect(run.stdout).toContain(combinator);
    }
    expect(run.stdout).toMatch(/live operations \(winrt-async\/diagnostics\): [1-9]\d* running/);
    expect(run.stdout).toMatch(/^#\d+ +OperationWithProgress +download report/m);
    expect(run.stdout).toMatch(/^Summary after [\d.]+s:$/m);
    expect(run.stdout).not.toContain("Ctrl+C");
  });
});
