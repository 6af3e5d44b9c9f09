// The docs site's navigation (TypeDoc, typedoc.config.mjs): every guide has a title of its own, which TypeDoc takes
// from the front matter's `title` (without one it shows the file name), and the guides come in the order a reader
// goes: getting started, the core model, then the subpaths, then the porting guides. A new guide must be given its
// place in the config's reading order.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
// The config as TypeDoc loads it (a plain .mjs file, imported by URL so no declaration file is needed).
const { default: config, guideOrder } = (await import(pathToFileURL(join(root, "typedoc.config.mjs")).href)) as {
  default: { projectDocuments: string[] };
  guideOrder: string[];
};
const guides = readdirSync(join(root, "docs/guides")).filter((file) => file.endsWith(".md"));

/** The title TypeDoc gives a document: the string `title` of its YAML front matter. */
function frontMatterTitle(markdown: string): string | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown)?.[1];
  const raw = front && /^title:[ \t]*(.+?)[ \t]*$/m.exec(front)?.[1];
  return raw?.replace(/^(["'])(.*)\1$/, "$2");
}

describe("docs site navigation", () => {
  it("every guide has a front-matter title, and it matches the guide's first heading", () => {
    const titles = guides.map((file) => {
      const markdown = readFileSync(join(root, "docs/guides", file), "utf8");
      const heading = /^# (.+)$/m.exec(markdown)?.[1]?.replace(/`/g, "");
      return { file, title: frontMatterTitle(markdown), heading };
    });
    expect(titles.filter((entry) => entry.title === undefined).map((entry) => entry.file)).toEqual([]);
    for (const entry of titles) expect(entry.heading, entry.file).toBe(entry.title);
  });

  it("the site lists every guide once, in the reading order, which starts with getting started and ends with porting", () => {
    expect([...guideOrder].sort()).toEqual([...guides].sort());
    expect(config.projectDocuments).toEqual(guideOrder.map((file) => `docs/guides/${file}`));
    expect(guideOrder[0]).toBe("getting-started.md");
    const porting = guideOrder.filter((file) => file.startsWith("porting-from-"));
    expect(guideOrder.slice(-porting.length)).toEqual(porting);
    for (const later of ["workers.md", "scaling-out.md", "diagnostics.md"]) {
      expect(guideOrder.indexOf(later), later).toBeGreaterThan(guideOrder.indexOf("cancellation.md"));
    }
  });
});
