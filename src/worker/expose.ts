// The worker side: `expose(tasks)` answers the pool's records. Each task runs with a `RemoteTaskContext` (the
// same `ctx` an in-process body gets); its outcome and its latest progress go back in the next batch (one
// `postMessage` per microtask).
import { describe } from "../describe.js";
import { CanceledError, IllegalMethodCallError } from "../errors.js";
import { reportListenerError } from "../report.js";
import { encodeError } from "../remote/error-envelope.js";
import type { TaskMap } from "../remote/task-types.js";
import { RemoteTaskContext, type TaskContextHost } from "../remote/task-context.js";
import {
  CANCEL,
  CANCEL_BIT,
  COMPLETED,
  FAILED,
  INIT,
  PROGRESS,
  READY,
  RECORD_SIZE,
  RELEASED,
  RUN,
  STARTED_BIT,
  STOLEN_BIT,
  batchProblem,
  recordProblem,
} from "../remote/wire.js";
import type { WorkerEndpoint } from "./endpoint.js";
import { workerEndpoint } from "./platform.js";
import { transferListOf } from "./transfer.js";

const HOST_KINDS: ReadonlySet<number> = new Set([INIT, RUN, CANCEL]);
// Slots are small integers below the pool's window; this bound only guards against nonsense before INIT.
const MAX_SLOTS = 1 << 20;

let exposed = false;

/**
 * Registers `tasks` (an object of `(input, ctx) => result | Promise<result>` functions) as what this worker runs
 * for a `WorkerPool`, and returns `tasks` unchanged, so that `export type Tasks = typeof tasks` types the host.
 * Outside a worker (the module imported on the main thread, to run the same bodies in-process) it only returns
 * `tasks`. Throws `TypeError` when `tasks` is not an object of functions, and `IllegalMethodCallError` when
 * called a second time in the same worker.
 */
export function expose<T extends TaskMap>(tasks: T): T {
  if (typeof tasks !== "object" || tasks === null) {
    throw new TypeError(`expose expects an object of task functions, got ${describe(tasks)}`);
  }
  for (const name of Object.keys(tasks)) {
    if (typeof tasks[name] !== "function") {
      throw new TypeError(`expose expects task "${name}" to be a function, got ${describe(tasks[name])}`);
    }
  }
  const endpoint = workerEndpoint();
  if (endpoint === undefined) return tasks;
  if (exposed) throw new IllegalMethodCallError("expose() was already called in this worker.");
  exposed = true;
  new TaskRunner(endpoint, tasks);
  return tasks;
}

/** The records of one worker: reads the host's batches, runs tasks, batches the answers. */
class TaskRunner implements TaskContextHost<number> {
  private readonly endpoint: WorkerEndpoint;
  private readonly tasks: TaskMap;
  private flags: Int32Array | null = null;
  private slotLimit = MAX_SLOTS;
  private readonly contexts: (RemoteTaskContext | undefined)[] = [];
  // The outgoing batch, its transfer list, and where each slot's progress record sits in it (conflation).
  private out: unknown[] = [];
  private transfer: Transferable[] = [];
  private progressAt: number[] = [];
  private progressBatch: number[] = [];
  private batchNumber = 0;
  private scheduled = false;
  private readonly flushBound = (): void => this.flush();

  constructor(endpoint: WorkerEndpoint, tasks: TaskMap) {
    this.endpoint = endpoint;
    this.tasks = tasks;
    endpoint.listen((data) => this.receive(data));
    this.push(READY, 0, Object.keys(tasks), 0);
  }

  private receive(batch: unknown): void {
    const problem = batchProblem(batch);
    if (problem !== undefined) {
      // Not from our pool (or a bug): say so loudly; this worker then fails as a whole, so nothing hangs.
      reportListenerError(new TypeError(`winrt-async/worker: rejected a message from the host: ${problem}`));
      return;
    }
    const records = batch as unknown[];
    for (let i = 0; i < records.length; i += RECORD_SIZE) {
      const bad = recordProblem(records, i, HOST_KINDS, this.slotLimit);
      if (bad !== undefined) {
        reportListenerError(new TypeError(`winrt-async/worker: rejected a record from the host: ${bad}`));
        continue;
      }
      const slot = records[i + 1] as number;
      switch (records[i]) {
        case RUN:
          this.start(slot, records[i + 2], records[i + 3]);
          break;
        case CANCEL:
          this.contexts[slot]?.cancel();
          break;
        default: {
          const flags = records[i + 2];
          this.flags = flags instanceof Int32Array ? flags : null;
          const window = records[i + 3];
          if (typeof window === "number" && window > 0) this.slotLimit = window;
        }
      }
    }
  }

  private start(slot: number, name: unknown, input: unknown): void {
    const flags = this.flags;
    if (flags !== null) {
      const before = Atomics.or(flags, slot, STARTED_BIT);
      if ((before & STOLEN_BIT) !== 0) {
        // The host took this task back for another worker before it started here.
        this.push(RELEASED, slot, 0, 0);
        return;
      }
      if ((before & CANCEL_BIT) !== 0) {
        // Canceled before it started: the body never runs (as with an aborted signal in-process).
        this.push(FAILED, slot, encodeError(new CanceledError()), 0);
        return;
      }
    }
    const task = typeof name === "string" && Object.hasOwn(this.tasks, name) ? this.tasks[name] : undefined;
    if (task === undefined) {
      const known = Object.keys(this.tasks).map((key) => `"${key}"`).join(", ");
      this.push(FAILED, slot, encodeError(new RangeError(`unknown task ${describe(name)}; this worker exposes ${known}`)), 0);
      return;
    }
    const ctx = new RemoteTaskContext<number>(this, slot, flags, slot);
    this.contexts[slot] = ctx;
    let result: unknown;
    try {
      result = task(input, ctx);
    } catch (error) {
      this.finish(slot, ctx, false, error);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value) => this.finish(slot, ctx, true, value),
        (error: unknown) => this.finish(slot, ctx, false, error),
      );
      return;
    }
    let then: unknown;
    try {
      then = typeof result === "object" || typeof result === "function" ? (result as { then?: unknown } | null)?.then : undefined;
    } catch (error) {
      this.finish(slot, ctx, false, error);
      return;
    }
    if (typeof then === "function") {
      Promise.resolve(result).then(
        (value) => this.finish(slot, ctx, true, value),
        (error: unknown) => this.finish(slot, ctx, false, error),
      );
    } else {
      this.finish(slot, ctx, true, result);
    }
  }

  private finish(slot: number, ctx: RemoteTaskContext, ok: boolean, value: unknown): void {
    ctx.end();
    if (this.contexts[slot] === ctx) this.contexts[slot] = undefined;
    if (ok) {
      const list = transferListOf(value);
      if (list !== undefined) this.transfer.push(...list);
      this.push(COMPLETED, slot, value, 0);
    } else {
      this.push(FAILED, slot, encodeError(value), 0);
    }
  }

  /** `ctx.report`: the latest value per slot per batch; the record keeps the position of the first report. */
  taskProgress(slot: number, value: unknown): void {
    const list = transferListOf(value);
    if (list !== undefined) this.transfer.push(...list);
    if (this.progressBatch[slot] === this.batchNumber) {
      this.out[this.progressAt[slot]! + 2] = value;
      return;
    }
    this.progressBatch[slot] = this.batchNumber;
    this.progressAt[slot] = this.out.length;
    this.push(PROGRESS, slot, value, 0);
  }

  private push(kind: number, slot: number, a: unknown, b: unknown): void {
    this.out.push(kind, slot, a, b);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  private flush(): void {
    const out = this.out;
    const transfer = this.transfer;
    this.out = [];
    this.transfer = [];
    this.scheduled = false;
    this.batchNumber++;
    try {
      this.endpoint.post(out, transfer);
    } catch {
      // Something in the batch cannot be cloned: send record by record (copies, no transfer) and turn each
      // record that still fails into the task's error, so every task still gets exactly one terminal record.
      for (let i = 0; i < out.length; i += RECORD_SIZE) {
        const record = out.slice(i, i + RECORD_SIZE);
        try {
          this.endpoint.post(record, []);
        } catch (error) {
          if (record[0] === PROGRESS) continue;
          this.endpoint.post([FAILED, record[1], encodeError(error), 0], []);
        }
      }
    }
  }
}
