// The demo colours its output only on a terminal, never when NO_COLOR is set (https://no-color.org), and
// through a pipe only when FORCE_COLOR asks for it.
import { describe, expect, it } from "vitest";
import { hasColour, runDemo } from "./run-demo.js";

const fast = { WINRT_ASYNC_DEMO_SPEED: "2" };

describe("colour", { timeout: 60_000 }, () => {
  it("on a terminal: coloured", async () => {
    const run = await runDemo({ tty: { columns: 100, rows: 30 }, env: fast });
    expect(run.code).toBe(0);
    expect(hasColour(run.stdout)).toBe(true);
  });

  it("on a terminal with NO_COLOR: no colour, but still the live view", async () => {
    const run = await runDemo({ tty: { columns: 100, rows: 30 }, env: { ...fast, NO_COLOR: "1" } });
    expect(run.code).toBe(0);
    expect(hasColour(run.stdout)).toBe(false);
    expect(run.stdout).toContain("\x1b[J");
  });

  it("through a pipe: no colour, unless FORCE_COLOR; NO_COLOR wins over FORCE_COLOR", async () => {
    const [plain, forced, both] = await Promise.all([
      runDemo({ env: fast }),
      runDemo({ env: { ...fast, FORCE_COLOR: "1" } }),
      runDemo({ env: { ...fast, FORCE_COLOR: "1", NO_COLOR: "1" } }),
    ]);
    expect([plain.code, forced.code, both.code]).toEqual([0, 0, 0]);
    expect([hasColour(plain.stdout), hasColour(forced.stdout), hasColour(both.stdout)]).toEqual([false, true, false]);
  });
});
