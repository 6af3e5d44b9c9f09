// The wire protocol between a host and the thread (or process) running its tasks. Import-free on purpose (as
// comlink keeps its protocol apart from its platform adapters): the same records travel over Node
// `worker_threads`, browser module workers and, through the JSON-safe error envelope, over a job queue.
//
// A message is one flat array of records, each `RECORD_SIZE` slots long: `[kind, slot, seq, a, b, kind, slot,
// seq, a, b, ...]`. A flat array costs one allocation per message instead of one per record, and records from the
// same microtask share one `postMessage`. `slot` names the task: the host gives each task it sends a slot that is
// free in that worker (at most `window` are in use), and frees it when the worker's terminal record for it
// arrives. A slot is therefore also the index of the task's cancel flag in the shared flag array, and one array
// read finds the task on either side. `seq` is the run's number (unique in its pool), echoed by every record about
// the run: a record whose `seq` is not the one its slot holds now (late, stale or forged) settles nothing.
//
// The records travel over a private `MessageChannel` whose port the host hands over in `INIT`, the only message
// it sends through the worker's own channel; the worker answers only through that port. Task code can post to
// `parentPort` (or `self`) but never into the pool's channel.

/** Slots per record. */
export const RECORD_SIZE = 5;

// ---- host -> worker ----
/**
 * `[INIT, 0, 0, flags: Int32Array | null, { window: number, port: MessagePort }]`: the one message sent through the
 * worker's own channel, before anything else; every later record (both ways) uses `port`.
 */
export const INIT = 1;
/** `[RUN, slot, seq, name: string, input]`: start task `name` on `input` in `slot`, as run `seq`. */
export const RUN = 2;
/** `[CANCEL, slot, seq, 0, 0]`: cancel run `seq` in `slot` (ignored when it already ended). */
export const CANCEL = 3;

// ---- worker -> host ----
/** `[READY, 0, 0, names: string[], 0]`: the task module loaded and `expose` ran. */
export const READY = 10;
/** `[PROGRESS, slot, seq, value, 0]`: the latest progress of the run (conflated: one per run per message). */
export const PROGRESS = 11;
/** `[COMPLETED, slot, seq, result, 0]`: terminal; the slot is free again. */
export const COMPLETED = 12;
/** `[FAILED, slot, seq, envelope: ErrorEnvelope, 0]`: terminal; a cancellation error ends the operation canceled. */
export const FAILED = 13;
/** `[RELEASED, slot, seq, 0, 0]`: terminal; the run was taken back by the host before it started and did not run. */
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
 * Checks the record at `index` of a received `batch`: a known kind for this direction (`kinds`), a slot that is
 * an integer in `[0, slotLimit)` and a `seq` that is a non-negative integer. Returns a description of the
 * problem, or `undefined` for a good record. Never throws.
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
  const seq = batch[index + 2];
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0) return `record seq ${String(seq)} is not a run number`;
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
