// The wire protocol between a host and the thread (or process) running its tasks. Import-free on purpose (as
// comlink keeps its protocol apart from its platform adapters): the same records travel over Node
// `worker_threads`, browser module workers and, through the JSON-safe error envelope, over a job queue.
//
// A message is one flat array of records, each `RECORD_SIZE` slots long: `[kind, slot, a, b, kind, slot, a, b,
// ...]`. A flat array costs one allocation per message instead of one per record, and records from the same
// microtask share one `postMessage`. `slot` names the task: the host gives each task it sends a slot that is
// free in that worker (at most `window` are in use), and frees it when the worker's terminal record for it
// arrives. A slot is therefore also the index of the task's cancel flag in the shared flag array, and one array
// read finds the task on either side.

/** Slots per record. */
export const RECORD_SIZE = 4;

// ---- host -> worker ----
/** `[INIT, 0, flags: Int32Array | null, window: number]`: the first record a worker receives. */
export const INIT = 1;
/** `[RUN, slot, name: string, input]`: start task `name` on `input` in `slot`. */
export const RUN = 2;
/** `[CANCEL, slot, 0, 0]`: cancel the task in `slot` (ignored when it already ended). */
export const CANCEL = 3;

// ---- worker -> host ----
/** `[READY, 0, names: string[], 0]`: the task module loaded and `expose` ran. */
export const READY = 10;
/** `[PROGRESS, slot, value, 0]`: the latest progress of the task (conflated: one per task per message). */
export const PROGRESS = 11;
/** `[COMPLETED, slot, result, 0]`: terminal; the slot is free again. */
export const COMPLETED = 12;
/** `[FAILED, slot, envelope: ErrorEnvelope, 0]`: terminal; a cancellation error ends the operation canceled. */
export const FAILED = 13;
/** `[RELEASED, slot, 0, 0]`: terminal; the task was taken back by the host before it started and did not run. */
export const RELEASED = 14;

/**
 * The shared flag of a task (one `Int32` per slot of a `SharedArrayBuffer`, where one exists). The host sets
 * `CANCEL_BIT` when the operation is canceled, so a CPU-bound body sees `ctx.canceled` with no message; the worker
 * sets `STARTED_BIT` as it starts the body; the host sets `STOLEN_BIT` to take back a task that has not started
 * (for an idle worker, or after a crash). Both sides use atomic read-modify-write, so exactly one of "started" and
 * "stolen" wins.
 */
export const CANCEL_BIT = 1;
/** See `CANCEL_BIT`. */
export const STARTED_BIT = 2;
/** See `CANCEL_BIT`. */
export const STOLEN_BIT = 4;

/** Keys a record must never carry: assigning them could reach or replace a prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Checks the record at `index` of a received `batch`: a known kind for this direction (`kinds`) and a slot that
 * is an integer in `[0, slotLimit)`. Returns a description of the problem, or `undefined` for a good record.
 * Never throws.
 */
export function recordProblem(
  batch: readonly unknown[],
  index: number,
  kinds: ReadonlySet<number>,
  slotLimit: number,
): string | undefined {
  const kind = batch[index];
  if (typeof kind !== "number" || !kinds.has(kind)) return `unknown record kind ${String(kind)}`;
  const slot = batch[index + 1];
  if (typeof slot !== "number" || !Number.isInteger(slot) || slot < 0 || slot >= slotLimit) {
    return `record slot ${String(slot)} is not an integer in [0, ${slotLimit})`;
  }
  return undefined;
}

/** Checks a received message's outer shape: an array of whole records. Returns the problem or `undefined`. */
export function batchProblem(message: unknown): string | undefined {
  if (!Array.isArray(message)) return `a message must be an array of records, got ${typeof message}`;
  if (message.length === 0 || message.length % RECORD_SIZE !== 0) {
    return `a message must hold whole records of ${RECORD_SIZE} slots, got ${message.length} slots`;
  }
  return undefined;
}

/**
 * The first forbidden key (`__proto__`, `constructor`, `prototype`) found as an own key anywhere in `value`
 * (plain objects and arrays, to `depth` levels), with its path; `undefined` when there is none. Never throws on
 * plain data (what structured clone and `JSON.parse` produce).
 */
export function findForbiddenKey(value: unknown, depth = 16, path = "$"): string | undefined {
  if (typeof value !== "object" || value === null || depth < 0) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], depth - 1, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path}.${key}`;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], depth - 1, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
