// The code examples of the documentation: every ```ts block of README.md and docs/**/*.md is a complete module
// that imports the package by name (the project's convention; ```js, ```csharp, ```cpp and ```sh blocks are
// shown only). The packaging smoke test compiles them against the packed package, and runs the README's.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** The Markdown files whose examples are checked: README.md, then docs/**\/*.md in name order. */
export function documentationFiles(root) {
  const files = [join(root, "README.md")];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk(join(root, "docs"));
  return files;
}

/**
 * The ```ts blocks of one Markdown text, each as `{ line, code }` (`line`: 1-based line of the opening fence).
 * Only the info string `ts` (or `typescript`) counts; a fence of another language is skipped whole.
 */
export function typescriptBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    const body = [];
    let j = i + 1;
    const closes = (line) => {
      const trimmed = line.trim();
      return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
    };
    while (j < lines.length && !closes(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    if (language === "ts" || language === "typescript") blocks.push({ line: i + 1, code: body.join("\n") + "\n" });
    i = j;
  }
  return blocks;
}

/** Every example of the documentation: `{ file (relative to root), line, code, name (a file-system-safe id) }`. */
export function documentationExamples(root) {
  const examples = [];
  for (const file of documentationFiles(root)) {
    const rel = relative(root, file).split("\\").join("/");
    for (const block of typescriptBlocks(readFileSync(file, "utf8"))) {
      examples.push({ file: rel, line: block.line, code: block.code, name: `${rel.replace(/[^\w]+/g, "_")}_L${block.line}` });
    }
  }
  return examples;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

/**
 * The relative links of the documentation that do not resolve: `[text](path)` or `[text](path#anchor)` or
 * `[text](#anchor)` outside code, whose file does not exist or whose anchor names no heading of that file.
 * Absolute URLs are not followed. Returns `["README.md:12: docs/x.md", ...]`.
 */
export function brokenLinks(root) {
  const broken = [];
  const anchorsOf = new Map();
  const anchors = (file) => {
    if (!anchorsOf.has(file)) {
      const text = readFileSync(file, "utf8").replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
      anchorsOf.set(file, new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor(m[1]))));
    }
    return anchorsOf.get(file);
  };
  for (const file of documentationFiles(root)) {
    const rel = relative(root, file).split("\\").join("/");
    const lines = readFileSync(file, "utf8").split(/\r?\n/);
    let fence = null;
    lines.forEach((line, index) => {
      const open = /^\s*(`{3,}|~{3,})/.exec(line);
      if (open) {
        if (fence === null) fence = open[1];
        else if (line.trim() === fence[0].repeat(line.trim().length) && line.trim().length >= fence.length) fence = null;
        return;
      }
      if (fence !== null) return;
      for (const match of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [path, anchor] = target.split("#");
        const targetFile = path === "" ? file : join(dirname(file), decodeURIComponent(path));
        if (!existsSync(targetFile)) broken.push(`${rel}:${index + 1}: ${target} (no such file)`);
        else if (anchor !== undefined && targetFile.endsWith(".md") && !anchors(targetFile).has(anchor)) {
          broken.push(`${rel}:${index + 1}: ${target} (no such heading)`);
        }
      }
    });
  }
  return broken;
}
