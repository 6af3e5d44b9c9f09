// Types of code-blocks.mjs, for the TypeScript tests that use it.
export interface CodeBlock {
  readonly line: number;
  readonly code: string;
}
export interface DocumentationExample extends CodeBlock {
  readonly file: string;
  readonly name: string;
}
export function documentationFiles(root: string): string[];
export function typescriptBlocks(markdown: string): CodeBlock[];
export function documentationExamples(root: string): DocumentationExample[];
export function headingAnchor(heading: string): string;
export function brokenLinks(root: string): string[];
