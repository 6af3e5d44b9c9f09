// Child processes of the multi-process tests: Node scripts of test/fixtures that speak JSON lines on stdout.
// Each process is followed line by line; `next(predicate)` resolves with the first matching line (already seen or
// still to come); `exited` resolves with the exit code and signal. Processes still running at the end of the test
// are killed (by their own pid), so a failing test leaves nothing behind.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { onTestFinished } from "vitest";

/** One JSON line a fixture printed (the fields the fixtures use). */
export interface Line {
  event: string;
  consumer?: string;
  tag?: string;
  reason?: string;
  jobId?: string;
  outcome?: string;
  progress?: unknown;
  result?: unknown;
  name?: string;
  canceled?: boolean;
  text?: string;
}

export interface Child {
  readonly process: ChildProcess;
  readonly lines: Line[];
  readonly stderr: () => string;
  next(predicate: (line: Line) => boolean): Promise<Line>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const fixtures = resolve(import.meta.dirname, "../fixtures");

/** Starts `node test/fixtures/<script> ...args` with `env` added to this process's environment. */
export function startChild(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [resolve(fixtures, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  const waiters: { predicate: (line: Line) => boolean; resolve: (line: Line) => void }[] = [];
  let stderr = "";
  let buffer = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        line = { event: "text", text };
      }
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    next(predicate) {
      const seen = lines.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => {
        waiters.push({ predicate, resolve: resolveLine });
        void exited.then(({ code, signal }) =>
          reject(new Error(`${script} exited (${code ?? signal}) before the expected line; stderr:\n${stderr}`)),
        );
      });
    },
  };
}
