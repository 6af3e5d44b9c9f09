// The progress-handler trap (issue 19): `op.progress = (percent) => ...` compiles, since TypeScript accepts a
// handler with fewer parameters, and then receives the operation, because WinRT's handler is `(sender, value)`.
// What a new user reads first about progress, the getting-started guide and the `progress` doc comment, leads with
// `onProgress(listener)` and warns about the two-argument handler.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AsyncOperationWithProgress } from "../../src/index.js";

const root = join(import.meta.dirname, "../..");

describe("progress docs lead with onProgress", () => {
  it("the trap is real: a one-parameter `progress` handler receives the operation, onProgress the value", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const op = AsyncOperationWithProgress.run<number, number>(async (ctx) => {
      await gate;
      ctx.report(50);
      return 1;
    });
    const viaHandler: unknown[] = [];
    const viaListener: unknown[] = [];
    op.progress = (percent) => viaHandler.push(percent); // compiles: the first parameter is the sender
    op.onProgress((percent) => viaListener.push(percent));
    release();
    await op;
    expect(viaHandler).toEqual([op]);
    expect(viaListener).toEqual([50]);
  });

  it("the getting-started guide's progress section shows onProgress before the handler and warns about (sender, value)", () => {
    const guide = readFileSync(join(root, "docs/guides/getting-started.md"), "utf8");
    const section = guide.slice(guide.indexOf("## Progress"), guide.indexOf("\n## ", guide.indexOf("## Progress") + 1));
    expect(section.indexOf("onProgress(")).toBeGreaterThan(-1);
    expect(section).toContain("(sender, value)");
    const assigned = section.indexOf(".progress = (");
    expect(assigned === -1 || assigned > section.indexOf("onProgress(")).toBe(true);
  });

  it("the `progress` doc comment names onProgress and the two-argument handler", () => {
    const source = readFileSync(join(root, "src/core/async-progress-core.ts"), "utf8");
    const comment = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*get progress\(/.exec(source)?.[1] ?? "";
    expect(comment).toContain("onProgress");
    expect(comment).toContain("(sender, progress)");
  });
});
