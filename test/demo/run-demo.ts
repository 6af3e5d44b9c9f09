// Runs the demo (`node demo/demo.mjs`, against dist/, which `npm test` builds first) as a whole process: through
// pipes, or on a real terminal made by util-linux `script` (a pseudo-terminal of a given size, whose input we
// write to: "\x03" there is a real Ctrl+C, delivered by the terminal to the foreground process group).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

// The suite's finder of system programs is a JavaScript module without declarations: typed here by hand.
const systemPrograms = "../support/system-programs.mjs";
const { ensureProgram } = (await import(systemPrograms)) as {
  ensureProgram(options: { program: string; debianPackage: string; envVar?: string }): string;
};

export const root = resolve(import.meta.dirname, "../..");

export interface DemoRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface DemoOptions {
  /** Extra environment; NO_COLOR, COLUMNS, FORCE_COLOR and the demo's own variables are cleared first. */
  readonly env?: Record<string, string>;
  /** Run on a pseudo-terminal of this size (through `script`) instead of pipes. */
  readonly tty?: { readonly columns: number; readonly rows: number };
  /** Once stdout matches, send Ctrl+C: "\x03" to the terminal, or SIGINT to the process through pipes. */
  readonly interruptWhen?: RegExp;
  /** The command line run on the terminal (default: node demo/demo.mjs); `cwd` is where it runs. */
  readonly command?: string;
  readonly cwd?: string;
}

/** The path of `script` (util-linux), installing Debian's bsdutils when it is missing and we can. */
export const scriptPath = (): string => ensureProgram({ program: "script", debianPackage: "bsdutils" });

export function runDemo(options: DemoOptions = {}): Promise<DemoRun> {
  if (!existsSync(resolve(root, "dist/diagnostics/index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ["NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "WINRT_ASYNC_DEMO_LIVE", "WINRT_ASYNC_DEMO_SPEED"]) {
    delete env[name];
  }
  Object.assign(env, options.env);
  const command = options.command ?? `exec ${JSON.stringify(process.execPath)} demo/demo.mjs`;
  const child = options.tty
    ? spawn(scriptPath(), ["-qfec", `stty cols ${options.tty.columns} rows ${options.tty.rows}; ${command}`, "/dev/null"], {
        cwd: options.cwd ?? root,
        env: { ...env, TERM: "xterm-256color" },
      })
    : spawn(process.execPath, ["demo/demo.mjs"], { cwd: options.cwd ?? root, env });
  let stdout = "";
  let stderr = "";
  let interrupted = false;
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    if (options.interruptWhen && !interrupted && options.interruptWhen.test(stdout)) {
      interrupted = true;
      if (options.tty) child.stdin.write("\x03");
      else child.kill("SIGINT");
    }
  });
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the demo did not end within 60 s; stdout so far:\n${stdout}`));
    }, 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      child.stdin.end();
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The output as the runs of text a terminal draws on one row: without escape sequences, split at line feeds and
 * at carriage returns (which go back to the start of the row).
 */
export function visibleLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").split(/\r|\n/);
}

/** True when the output holds an SGR (colour or style) escape sequence. */
// eslint-disable-next-line no-control-regex
export const hasColour = (output: string): boolean => /\x1b\[[0-9;]*m/.test(output);
