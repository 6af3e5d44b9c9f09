// The demo never prints a row wider than the terminal (a wider row would wrap, and a wrapped row spoils the live
// view's redraw): at 80 columns on a real terminal, with the live view forced on through a pipe, plain through a
// pipe (COLUMNS), and narrower.
import { describe, expect, it } from "vitest";
import { runDemo, visibleLines } from "./run-demo.js";

const widest = (output: string): string =>
  visibleLines(output).reduce((longest, line) => (line.length > longest.length ? line : longest), "");

describe("terminal width", { timeout: 60_000 }, () => {
  it("on an 80-column terminal: the live view is drawn and no row is wider than 79 columns", async () => {
    const run = await runDemo({ tty: { columns: 80, rows: 24 }, env: { WINRT_ASYNC_DEMO_SPEED: "2" } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("\x1b[J"); // the live view redraws in place
    expect(widest(run.stdout).length).toBeLessThanOrEqual(79);
    expect(widest(run.stdout).length).toBeGreaterThan(60); // the rows use the width
  });

  it("live view through a pipe with COLUMNS=80: no row is wider than 79 columns", async () => {
    const run = await runDemo({ env: { COLUMNS: "80", WINRT_ASYNC_DEMO_LIVE: "1", WINRT_ASYNC_DEMO_SPEED: "2" } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("\x1b[J");
    expect(widest(run.stdout).length).toBeLessThanOrEqual(79);
  });

  it.each([80, 50])("plain lines through a pipe with COLUMNS=%i: no line is wider", async (columns) => {
    const run = await runDemo({ env: { COLUMNS: String(columns), WINRT_ASYNC_DEMO_SPEED: "2" } });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\x1b");
    expect(widest(run.stdout).length).toBeLessThanOrEqual(columns);
    // Error texts are wrapped, not cut, in the summary: the whole message is there.
    expect(visibleLines(run.stdout).join(" ").replace(/\s+/g, " ")).toContain(
      "upload rejected: the archive name contains '?'",
    );
  });
});
