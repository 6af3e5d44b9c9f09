// Fixtures of the conformance cases: gate, log, handler recorder, and capture of the two error reports.
import { afterEach, vi } from "vitest";
import { onUnobservedError, type AsyncStatus, type Disposable } from "../../src/index.js";
import type { AnyOp, Kind } from "./kinds.js";

/** A one-shot signal a body waits on: closed until the test opens (or fails) it. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
  fail(error: unknown): void;
}

export function gate(): Gate {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = () => resolve();
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every pending microtask and timer of zero delay run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until the microtask queue has drained a number of times (no timers involved). */
export async function microtasks(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

/** A completed handler that records each call as `(sender, status)`. */
export interface Recorder {
  readonly handler: (sender: unknown, status: AsyncStatus) => void;
  readonly calls: Array<{ sender: unknown; status: AsyncStatus }>;
}

export function recorder(log?: unknown[], label = "completed"): Recorder {
  const calls: Array<{ sender: unknown; status: AsyncStatus }> = [];
  return {
    calls,
    handler: (sender: unknown, status: AsyncStatus) => {
      calls.push({ sender, status });
      log?.push(`${label}:${status}`);
    },
  };
}

/** Resolves when the handler has been called (or after `settle()`s give up). */
export async function untilTerminal(op: AnyOp): Promise<void> {
  for (let i = 0; i < 100 && op.status === 0; i++) await settle();
}

/**
 * Captures errors reported the way EventTarget listener errors are (DESIGN 2.3 #8): stubs `reportError`,
 * which the library prefers when the runtime has it. Restored after each test.
 */
export function captureListenerErrors(): unknown[] {
  const errors: unknown[] = [];
  vi.stubGlobal("reportError", (error: unknown) => errors.push(error));
  return errors;
}

/** Captures the unobserved-error report (DESIGN 2.7) through its public hook; unsubscribed after each test. */
export function captureUnobserved(): Array<{ error: unknown; operation: unknown }> {
  const seen: Array<{ error: unknown; operation: unknown }> = [];
  const subscription: Disposable = onUnobservedError((error, operation) => seen.push({ error, operation }));
  cleanups.push(() => subscription[Symbol.dispose]());
  return seen;
}

/** Records every process-level `unhandledRejection` while the current test runs. */
export function watchUnhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on("unhandledRejection", listener);
  cleanups.push(() => process.off("unhandledRejection", listener));
  return seen;
}

/** An operation of `kind` that completes with `value` when its gate opens, or fails with what the gate fails with. */
export function gatedOp(kind: Kind, value: number): { op: AnyOp; gate: Gate } {
  const g = gate();
  const op = kind.run(async () => {
    await g.promise;
    return value;
  });
  return { op, gate: g };
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const cleanup of cleanups.splice(0)) cleanup();
});
