// Shared pieces of the worker tests: the fixture task module (run by real worker threads from dist/, which
// `npm test` builds first) and gates the worker writes into a SharedArrayBuffer.
import { WorkerPool, type WorkerPoolOptions } from "../../src/worker/index.js";

/** The fixture module's URL (test/fixtures/worker/tasks.mjs). */
export const tasksUrl = new URL("../fixtures/worker/tasks.mjs", import.meta.url);

/** A fixture module by file name. */
export const fixtureUrl = (name: string): URL => new URL(`../fixtures/worker/${name}`, import.meta.url);

// The fixture is plain JavaScript; the tests use it untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTasks = Record<string, (input: any, ctx: any) => any>;

/** A pool over the fixture tasks; the caller closes it (`await using`). */
export function fixturePool(options: WorkerPoolOptions = {}): WorkerPool<AnyTasks> {
  return new WorkerPool<AnyTasks>(tasksUrl, { size: 1, ...options });
}

/**
 * A shared buffer for the tasks that report through flags: 4 Int32 flags, one BigInt64 time stamp, and an Int32
 * the waitCancel task sets when its body starts.
 */
export function sharedFlags(): { buffer: SharedArrayBuffer; flags: Int32Array; stamp: BigInt64Array; started: Int32Array } {
  const buffer = new SharedArrayBuffer(32);
  return {
    buffer,
    flags: new Int32Array(buffer, 0, 4),
    stamp: new BigInt64Array(buffer, 16, 1),
    started: new Int32Array(buffer, 24, 1),
  };
}

// `Atomics.waitAsync` (Node 16+) is in lib es2024, past the project's es2022 lib.
const atomics = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeout?: number): { async: boolean; value: unknown };
};

/** Waits (without blocking) until `array[index]` is no longer `value`, or `timeoutMs` passed. */
export async function waitAsync(array: Int32Array, index: number, value: number, timeoutMs = 5_000): Promise<void> {
  const wait = atomics.waitAsync(array, index, value, timeoutMs);
  if (wait.async) await wait.value;
}

/** Resolves once the worker set `flags[index]` to a non-zero value (Atomics.waitAsync: a gate, not a sleep). */
export async function flagSet(flags: Int32Array, index: number): Promise<void> {
  while (Atomics.load(flags, index) === 0) await waitAsync(flags, index, 0);
}
