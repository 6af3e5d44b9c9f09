// `prepack` and `postpack`: the tarball's package.json without the `prepare` script. npm counts `prepare` among a
// dependency's install scripts and warns about it on every install of the tarball ("install scripts not yet
// covered by allowScripts"), although it never runs it for a tarball; the repository keeps it, because a git-URL
// install builds dist/ through it. The same pattern as pinst (which does it for `postinstall`):
// `node scripts/pack-manifest.mjs strip` before npm reads the manifest, `... restore` after the tarball is written.
// The original text waits in .tmp/ so a pack that failed in between is restored by the next strip or restore.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = resolve(root, "package.json");
const saved = resolve(root, ".tmp/package.json.before-pack");

/** The package.json text as published: the same text without `scripts.prepare`. */
export function publishedManifest(text) {
  const json = JSON.parse(text);
  if (json.scripts) delete json.scripts.prepare;
  return `${JSON.stringify(json, null, 2)}\n`;
}

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

function strip() {
  restore();
  const text = readFileSync(manifest, "utf8");
  mkdirSync(dirname(saved), { recursive: true });
  writeFileSync(saved, text);
  writeFileSync(manifest, publishedManifest(text));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "strip") strip();
  else if (command === "restore") restore();
  else {
    console.error(`usage: node scripts/pack-manifest.mjs strip|restore (got ${command ?? "nothing"})`);
    process.exitCode = 2;
  }
}
