// The code examples of the documentation: every ```ts block of README.md and docs/**/*.md is a complete module
// that imports the package by name (the project's convention; ```js, ```csharp, ```cpp and ```sh blocks are
// shown only). The packaging smoke test compiles them against the packed package, and runs the README's.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

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
