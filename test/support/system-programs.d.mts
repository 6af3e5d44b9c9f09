// Types of system-programs.mjs, for the TypeScript tests that use it.
export interface System {
  readonly platform: string;
  readonly env: Record<string, string | undefined>;
  readonly exists: (path: string) => boolean;
}
export interface ProgramSpec {
  readonly title: string;
  readonly envVar: string | undefined;
  readonly names: Partial<Record<"linux" | "darwin" | "win32", readonly string[]>>;
  readonly paths: Partial<Record<"linux" | "darwin" | "win32", (env: Record<string, string | undefined>, join: (...parts: string[]) => string) => string[]>>;
  readonly debianPackage: string;
  readonly hints: Readonly<Record<string, string>>;
  readonly alternative: string | undefined;
}
export const programs: { readonly redisServer: ProgramSpec; readonly browser: ProgramSpec };
export function onPath(name: string, system: System): string | undefined;
export function locateProgram(spec: ProgramSpec, system: System): string | undefined;
export function installHint(spec: ProgramSpec, system: System): string;
export function thisSystem(): System;
export function which(name: string): string | undefined;
export function ensure(spec: ProgramSpec): string;
export function ensureProgram(options: { program: string; debianPackage: string; envVar?: string }): string;
export function chromiumPath(): string;
export function redisServerPath(): string;
export const chromiumArgs: string[];
