// The documentation checker's own rules (test/support/code-blocks.mjs): which fences count as examples, and which
// links count as broken. The packaging smoke test relies on both.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { brokenLinks, documentationExamples, headingAnchor, typescriptBlocks } from "../support/code-blocks.mjs";

const fence = "```";

describe("documentation examples", () => {
  it("takes ts and typescript fences, with their opening line, and skips every other language whole", () => {
    const markdown = [
      "# Title",
      `${fence}ts`,
      'import { AsyncOperation } from "winrt-async";',
      `${fence}`,
      `${fence}js`,
      "const shown = 1;",
      `${fence}`,
      `${fence}sh`,
      "npm test",
      `${fence}`,
      `${fence}typescript`,
      "export const x: number = 1;",
      `${fence}`,
      `${fence}csharp`,
      `${fence}ts (not an example: a csharp block's line)`,
      `${fence}`,
    ].join("\n");
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 2, code: 'import { AsyncOperation } from "winrt-async";\n' },
      { line: 11, code: "export const x: number = 1;\n" },
    ]);
  });

  it("keeps a longer fence open across shorter ones inside it, and strips a list item's indentation", () => {
    const markdown = ["````ts", "const a = `", fence, "`;", "````", "- item", "  ```ts", "  const b = 2;", "  ```"].join("\n");
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 1, code: "const a = `\n```\n`;\n" },
      { line: 7, code: "const b = 2;\n" },
    ]);
  });
});

describe("documentation links", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it("reports a missing file or heading, not external links, links in code, or headings that exist", () => {
    root = mkdtempSync(join(tmpdir(), "winrt-async-links-"));
    mkdirSync(join(root, "docs/guides"), { recursive: true });
    writeFileSync(join(root, "docs/guides/a.md"), "# A guide\n\n## One library, even when `loaded` twice\n\n[back](#a-guide)\n");
    writeFileSync(
      join(root, "README.md"),
      [
        "# Read me",
        "[ok](docs/guides/a.md) [ok](docs/guides/a.md#one-library-even-when-loaded-twice) [ok](#read-me)",
        "[web](https://example.com/x.md) `[in code](nope.md)`",
        `${fence}ts`,
        "[in a block](nope.md)",
        fence,
        "[missing](docs/guides/b.md) [no heading](docs/guides/a.md#nope) [no local heading](#nope)",
      ].join("\n"),
    );
    expect(brokenLinks(root)).toEqual([
      "README.md:7: docs/guides/b.md (no such file)",
      "README.md:7: docs/guides/a.md#nope (no such heading)",
      "README.md:7: #nope (no such heading)",
    ]);
    expect(documentationExamples(root)).toEqual([{ file: "README.md", line: 4, code: "[in a block](nope.md)\n", name: "README_md_L4" }]);
  });

  it("makes GitHub's anchors", () => {
    expect(headingAnchor("Errors and HRESULTs")).toBe("errors-and-hresults");
    expect(headingAnchor("Cancel, close and dispose")).toBe("cancel-close-and-dispose");
    expect(headingAnchor("`using` and `await using`")).toBe("using-and-await-using");
  });
});
