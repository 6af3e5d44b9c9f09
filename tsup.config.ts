import { existsSync } from "node:fs";
import { defineConfig } from "tsup";

// The root entry plus every subpath entry that exists (`src/<name>/index.ts` → `dist/<name>/index.*`).
// `splitting` makes the entries share one copy of the core per format, so `instanceof` the root's classes holds
// for operations made through a subpath (DESIGN 4.2).
const subpaths = ["worker", "bullmq", "winjs", "diagnostics", "http"].filter((name) => existsSync(`src/${name}/index.ts`));

export default defineConfig({
  entry: {
    index: "src/index.ts",
    ...Object.fromEntries(subpaths.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  splitting: true,
  treeshake: true,
  external: ["bullmq", "ioredis", /^node:/],
  // Keep `node:diagnostics_channel` (and the like) as written: Deno and bundlers know builtins by the prefix, and
  // tsup 8 strips it unless told not to.
  removeNodeProtocol: false,
});
