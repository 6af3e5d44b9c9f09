// The worker side: `expose(tasks)` answers the pool's records. Each task runs with a `RemoteTaskContext` (the
// same `ctx` an in-process body gets); its outcome and its latest progress go back in the next batch (one
// `postMessage` per microtask).
import { describe } from "../describe.js";
import { CanceledError, IllegalMethodCallError } from "../errors.js";
import { reportListenerError } from "../report.js";
import { encodeError } from "../remote/error-envelope.js";
import { unknownTaskMessage } from "../remote/unknown-task.js";
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
import type { Channel, WorkerEndpoint } from "./endpoint.js";
import { workerEndpoint } from "./platform.js";
import { transferListOf } from "./transfer.js";

const HOST_KINDS: ReadonlySet<number> = new Set([RUN, CANCEL]);
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
  // The pool's private channel, from INIT; until then nothing is sent.
  private channel: Channel | undefined = undefined;
  private flags: Int32Array | null = null;
  private slotLimit = MAX_SLOTS;
  private readonly contexts: (RemoteTaskContext | undefined)[] = [];
  // The run number of each slot's current run, echoed in every record about it.
  private readonly seqs: number[] = [];
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
    endpoint.listen((data) => this.receiveOwn(data));
  }

  /** A message through the worker's own channel: INIT, once; anything else is not from the pool. */
  private receiveOwn(batch: unknown): void {
    if (this.channel !== undefined) {
      reportListenerError(new TypeError("winrt-async/worker: rejected a message from the host's own channel after INIT"));
      return;
    }
    let problem = batchProblem(batch);
    if (problem === undefined && (batch as unknown[])[0] !== INIT) problem = "expected INIT first";
    const record = batch as unknown[];
    const init = problem === undefined ? (record[4] as { window?: unknown; port?: unknown } | null) : null;
    const channel = typeof init === "object" && init !== null ? this.endpoint.adopt(init.port) : undefined;
    if (channel === undefined) {
      // Not from our pool (or a bug): say so loudly; the pool's start timeout then ends this worker.
      reportListenerError(new TypeError(`winrt-async/worker: rejected a message from the host: ${problem ?? "INIT without a port"}`));
      return;
    }
    const flags = record[3];
    this.flags = flags instanceof Int32Array ? flags : null;
    const window = init!.window;
    if (typeof window === "number" && window > 0) this.slotLimit = window;
    this.channel = channel;
    channel.listen((data) => this.receive(data));
    this.push(READY, 0, 0, Object.keys(this.tasks), 0);
  }

  private receive(batch: unknown): void {
    const problem = batchProblem(batch);
    if (problem !== undefined) {
      // Not from our pool (or a bug): say so loudly; this worker then fails as a whole, so nothing hangs.
      reportListenerError(new TypeError(`winrt-async/worker: rejected a message from the host: ${problem}`));
      return;
    }
    const records = batch as unknown[];
    let rejected = 0;
    let first: string | undefined;
    for (let i = 0; i < records.length; i += RECORD_SIZE) {
      const bad = recordProblem(records, i, HOST_KINDS, this.slotLimit);
      if (bad !== undefined) {
        rejected++;
        first ??= bad;
        continue;
      }
      const slot = records[i + 1] as number;
      const seq = records[i + 2] as number;
      if (records[i] === RUN) {
        this.start(slot, seq, records[i + 3], records[i + 4]);
      } else if (this.seqs[slot] === seq) {
        this.contexts[slot]?.cancel();
      }
    }
    if (rejected > 0) {
      // One report per message, however many records it held.
      reportListenerError(new TypeError(`winrt-async/worker: rejected ${rejected} record(s) of a message from the host; the first: ${first}`));
    }
  }

  private start(slot: number, seq: number, name: unknown, input: unknown): void {
    this.seqs[slot] = seq;
    const flags = this.flags;
    if (flags !== null) {
      const before = Atomics.or(flags, slot, STARTED_BIT);
      if ((before & STOLEN_BIT) !== 0) {
        // The host took this task back for another worker before it started here.
        this.push(RELEASED, slot, seq, 0, 0);
        return;
      }
      if ((before & CANCEL_BIT) !== 0) {
        // Canceled before it started: the body never runs (as with an aborted signal in-process).
        this.push(FAILED, slot, seq, encodeError(new CanceledError()), 0);
        return;
      }
    }
    const task = typeof name === "string" && Object.hasOwn(this.tasks, name) ? this.tasks[name] : undefined;
    if (task === undefined) {
      const message = unknownTaskMessage(name, Object.keys(this.tasks), "this worker exposes");
      this.push(FAILED, slot, seq, encodeError(new RangeError(message)), 0);
      return;
    }
    const ctx = new RemoteTaskContext<number>(this, slot, flags, slot);
    this.contexts[slot] = ctx;
    let result: unknown;
    try {
      result = task(input, ctx);
    } catch (error) {
      this.finish(slot, seq, ctx, false, error);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value) => this.finish(slot, seq, ctx, true, value),
        (error: unknown) => this.finish(slot, seq, ctx, false, error),
      );
      return;
    }
    let then: unknown;
    try {
      then = typeof result === "object" || typeof result === "function" ? (result as { then?: unknown } | null)?.then : undefined;
    } catch (error) {
      this.finish(slot, seq, ctx, false, error);
      return;
    }
    if (typeof then === "function") {
      Promise.resolve(result).then(
        (value) => this.finish(slot, seq, ctx, true, value),
        (error: unknown) => this.finish(slot, seq, ctx, false, error),
      );
    } else {
      this.finish(slot, seq, ctx, true, result);
    }
  }

  private finish(slot: number, seq: number, ctx: RemoteTaskContext, ok: boolean, value: unknown): void {
    ctx.end();
    if (this.contexts[slot] === ctx) this.contexts[slot] = undefined;
    if (ok) {
      const list = transferListOf(value);
      if (list !== undefined) this.transfer.push(...list);
      this.push(COMPLETED, slot, seq, value, 0);
    } else {
      this.push(FAILED, slot, seq, encodeError(value), 0);
    }
  }

  /** `ctx.report`: the latest value per slot per batch; the record keeps the position of the first report. */
  taskProgress(slot: number, value: unknown): void {
    const list = transferListOf(value);
    if (list !== undefined) this.transfer.push(...list);
    if (this.progressBatch[slot] === this.batchNumber) {
      this.out[this.progressAt[slot]! + 3] = value;
      return;
    }
    this.progressBatch[slot] = this.batchNumber;
    this.progressAt[slot] = this.out.length;
    this.push(PROGRESS, slot, this.seqs[slot]!, value, 0);
  }

  private push(kind: number, slot: number, seq: number, a: unknown, b: unknown): void {
    this.out.push(kind, slot, seq, a, b);
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
    const channel = this.channel!;
    try {
      channel.post(out, transfer);
    } catch {
      // Something in the batch cannot be cloned: send record by record (copies, no transfer) and turn each
      // record that still fails into the task's error, so every task still gets exactly one terminal record.
      for (let i = 0; i < out.length; i += RECORD_SIZE) {
        const record = out.slice(i, i + RECORD_SIZE);
        try {
          channel.post(record, []);
        } catch (error) {
          if (record[0] === PROGRESS) continue;
          channel.post([FAILED, record[1], record[2], encodeError(error), 0], []);
        }
      }
    }
  }
}
