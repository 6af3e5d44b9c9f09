// `npm run docs`: the API reference of every entry that exists (the root, plus each subpath whose
// `src/<name>/index.ts` is there, as tsup builds them) and every guide in docs/guides/ as a project document,
// so a new guide or subpath appears without a change here. Any warning fails the build.
import { existsSync, readdirSync } from "node:fs";

const subpaths = ["worker", "bullmq", "winjs", "diagnostics", "http"].filter((name) => existsSync(`src/${name}/index.ts`));
const guides = existsSync("docs/guides")
  ? readdirSync("docs/guides").filter((name) => name.endsWith(".md")).sort().map((name) => `docs/guides/${name}`)
  : [];

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
