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

/** A shared buffer for the tasks that report through flags: 4 Int32 flags and one BigInt64 time stamp. */
export function sharedFlags(): { buffer: SharedArrayBuffer; flags: Int32Array; stamp: BigInt64Array } {
  const buffer = new SharedArrayBuffer(24);
  return { buffer, flags: new Int32Array(buffer, 0, 4), stamp: new BigInt64Array(buffer, 16, 1) };
}

/** Resolves once the worker set `flags[index]` to a non-zero value (Atomics.waitAsync: a gate, not a sleep). */
export async function flagSet(flags: Int32Array, index: number): Promise<void> {
  while (Atomics.load(flags, index) === 0) {
    const wait = Atomics.waitAsync(flags, index, 0, 5_000);
    if (wait.async) await wait.value;
  }
}
