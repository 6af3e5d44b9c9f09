// `npm run docs`: the API reference of every entry that exists (the root, plus each subpath whose
// `src/<name>/index.ts` is there, as tsup builds them) and every guide in docs/guides/ as a project document,
// so a new guide or subpath appears without a change here (a guide goes in `guideOrder` for its place in the
// nav). Any warning fails the build.
import { existsSync, readdirSync } from "node:fs";

const subpaths = ["worker", "bullmq", "winjs", "diagnostics", "http"].filter((name) => existsSync(`src/${name}/index.ts`));
/**
 * The guides in the order a reader goes, which is the order of the site's navigation (TypeDoc keeps documents in
 * the order given): start, the core model, the subpaths, then porting from each platform. Each guide's title is
 * its front matter's `title` (test/unit/docs-navigation.test.ts checks both); a guide not listed here still
 * appears, after these, until it is given its place.
 */
export const guideOrder = [
  "getting-started.md",
  "cancellation.md",
  "progress.md",
  "errors-and-hresults.md",
  "interop.md",
  "diagnostics.md",
  "workers.md",
  "scaling-out.md",
  "http.md",
  "porting-from-csharp.md",
  "porting-from-cppwinrt.md",
  "porting-from-winjs.md",
];
const present = existsSync("docs/guides") ? readdirSync("docs/guides").filter((name) => name.endsWith(".md")) : [];
const guides = [...guideOrder.filter((name) => present.includes(name)), ...present.filter((name) => !guideOrder.includes(name)).sort()].map(
  (name) => `docs/guides/${name}`,
);

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "winrt-async",
  entryPoints: ["src/index.ts", ...subpaths.map((name) => `src/${name}/index.ts`)],
  tsconfig: "tsconfig.json",
  readme: "README.md",
  projectDocuments: guides,
  out: "docs-site",
  plugin: ["./scripts/typedoc-module-names.mjs"],
  excludeInternal: true,
  // TypeDoc's default languages plus those of the porting guides' original code.
  highlightLanguages: ["bash", "console", "css", "html", "javascript", "json", "jsonc", "json5", "yaml", "tsx", "typescript", "csharp", "cpp"],
  // A helper type behind `WhenAllSlot`, documented there; exporting it would only widen the API.
  // ProgressOfFunction: the helper behind `TaskProgress`, documented there.
  intentionallyNotExported: ["SlotOf", "ProgressOfFunction"],
  excludePrivate: true,
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, invalidPath: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  githubPages: false,
  hideGenerator: true,
  disableSources: true,
  logLevel: "Warn",
};
