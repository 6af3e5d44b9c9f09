// The host side: a pool of worker threads whose tasks are ordinary `AsyncOperationWithProgress` operations.
import { AsyncStatus } from "../status.js";
import { AsyncError, DisconnectedError, IllegalMethodCallError } from "../errors.js";
import { AsyncAction } from "../operations/async-action.js";
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { readRunOptions } from "../options.js";
import { describe } from "../describe.js";
import { asyncDisposeSymbol } from "../symbols.js";
import { inspectSymbol } from "../core/inspect-operation.js";
import type { RunOptions } from "../types.js";
import { decodeError } from "../remote/error-envelope.js";
import { remoteOperationMaker, type RemoteOperation } from "../remote/remote-operation.js";
import type { TransferItem } from "./transfer.js";
import type { TaskArguments, TaskMap, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
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
import type { HostAdapter, WorkerHandle } from "./endpoint.js";
import { hostAdapter } from "./platform.js";
import { snapshot } from "./snapshot.js";

/** Node's `resourceLimits` for each worker thread (ignored by browsers). */
export interface WorkerResourceLimits {
  /** The main heap's maximum size in MB; a thread that runs out of it crashes (its operations end `DisconnectedError`). */
  readonly maxOldGenerationSizeMb?: number;
  /** The maximum size of the heap space for recently created objects, in MB. */
  readonly maxYoungGenerationSizeMb?: number;
  /** The size of the memory range reserved for generated code, in MB. */
  readonly codeRangeSizeMb?: number;
  /** The thread's default maximum stack size, in MB. */
  readonly stackSizeMb?: number;
}

/** Options of `new WorkerPool(url, options)`. */
export interface WorkerPoolOptions {
  /** Worker threads, started on demand. Default: available parallelism minus one, at least 1. */
  readonly size?: number | undefined;
  /** Operations in flight per worker (pipelining). Default 64; 1 gives one task per thread at a time. */
  readonly window?: number | undefined;
  /**
   * Operations that may wait for a window slot; past it `run` returns an operation already in `error` (an
   * `AsyncError`). Default `Infinity`.
   */
  readonly maxQueue?: number | undefined;
  /**
   * How long a canceled body may keep running before its worker is terminated and replaced. Default 1000;
   * `Infinity` never terminates.
   */
  readonly cancelGraceMs?: number | undefined;
  /** How long an idle thread lives before it is ended. Default 30,000; `Infinity` keeps it (it never keeps the process alive). */
  readonly idleTimeoutMs?: number | undefined;
  /** Node's `resourceLimits` for each thread. */
  readonly resourceLimits?: WorkerResourceLimits | undefined;
  /** A name for the threads, shown by debuggers. */
  readonly name?: string | undefined;
  /**
   * How long a new thread may take to load its module and call `expose()`. Past it the thread is terminated and
   * the operations waiting for it end `DisconnectedError` saying the module did not call `expose()` in time.
   * Default 10,000; `Infinity` waits forever.
   */
  readonly startTimeoutMs?: number | undefined;
}

/** Options of `pool.run`. */
export interface WorkerRunOptions extends RunOptions {
  /**
   * Objects inside `input` to transfer rather than copy (`ArrayBuffer`s, `MessagePort`s, ...). They are detached
   * when `run` returns. Operations with a transfer list are not moved to another worker once sent.
   */
  readonly transfer?: readonly TransferItem[] | undefined;
}

/** What `pool.snapshot()` returns: the pool's state at one moment, for diagnostics. */
export interface WorkerPoolSnapshot {
  /** The configured maximum of threads. */
  readonly size: number;
  /** Threads alive now. */
  readonly threads: number;
  /** Operations sent to a thread and not yet ended there. */
  readonly running: number;
  /** Operations waiting for a window slot. */
  readonly queued: number;
  /** Whether `close()` was called. */
  readonly closed: boolean;
}

type AnyRemote = RemoteOperation<unknown, unknown>;
/** A slot whose task was taken back for another worker; freed when this worker's `RELEASED` arrives. */
const STOLEN = null;
type Held = AnyRemote | typeof STOLEN | undefined;

const WORKER_KINDS: ReadonlySet<number> = new Set([READY, PROGRESS, COMPLETED, FAILED, RELEASED]);
const STARTED = AsyncStatus.started;
/** A worker silent this long while holding unstarted tasks lets an idle worker take them. */
const STEAL_AFTER_MS = 5;
const MAX_RETRY_MS = 5_000;
/** Times an operation goes back to the queue after a thread crashed before any task started, before it fails. */
const MAX_REQUEUES = 3;
/** At most one report of a crash that held no operation per this many ms (the others are counted in the next). */
const CRASH_REPORT_MS = 10_000;
const RESOURCE_LIMITS: ReadonlySet<string> = new Set([
  "maxOldGenerationSizeMb",
  "maxYoungGenerationSizeMb",
  "codeRangeSizeMb",
  "stackSizeMb",
]);

const now: () => number =
  typeof performance === "object" && typeof performance.now === "function" ? () => performance.now() : Date.now;

/** One thread of a pool. */
class PoolWorker {
  readonly id: number;
  readonly flags: Int32Array | null;
  readonly held: Held[] = [];
  // The run number of each slot's current run: a record with another one settles nothing.
  readonly seqs: number[] = [];
  readonly free: number[] = [];
  handle!: WorkerHandle;
  count = 0;
  ready = false;
  // A task of this thread reported (progress or an outcome): a crash is then not a failed start.
  ranTask = false;
  // The start timeout ran out before `expose()` was heard.
  expired = false;
  startTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  dead = false;
  out: unknown[] = [];
  transfer: Transferable[] = [];
  scheduled = false;
  lastHeard = 0;
  idleSince = 0;
  idleTimer: ReturnType<typeof setTimeout> | undefined = undefined;

  constructor(id: number, window: number, shared: boolean) {
    this.id = id;
    this.flags = shared ? new Int32Array(new SharedArrayBuffer(window * 4)) : null;
    for (let slot = window - 1; slot >= 0; slot--) this.free.push(slot);
    this.held.length = window;
  }
}

/**
 * A pool of worker threads (Node `worker_threads`, browser module workers) running the tasks a worker module
 * registered with `expose(tasks)`. `run(name, input, options)` returns an `AsyncOperationWithProgress` typed from
 * the task's signature: the same class `AsyncOperationWithProgress.run` returns in-process, with status,
 * progress, cancel (cooperative first, the thread terminated after `cancelGraceMs`), close and errors rebuilt
 * with their class and `hresult`. A thread that crashes, exits or fails to load ends the operations it held in
 * `error` with `DisconnectedError` and is replaced. Threads start on demand; an idle pool never keeps the
 * process alive.
 *
 * @typeParam T - the tasks' type: `typeof tasks` of the object the worker module passed to `expose`
 */
export class WorkerPool<T extends TaskMap = TaskMap> {
  private readonly _url: string | URL;
  private readonly _adapter: HostAdapter;
  private readonly _size: number;
  private readonly _window: number;
  private readonly _maxQueue: number;
  private readonly _graceMs: number;
  private readonly _idleMs: number;
  private readonly _resourceLimits: WorkerResourceLimits | undefined;
  private readonly _name: string | undefined;
  private readonly _startMs: number;
  private readonly _shared: boolean;
  private _seq = 0;
  // Canceled operations still in `_queue` (past `_head`); the queue is compacted when they are half of it.
  private _dead = 0;
  private readonly _requeues = new WeakMap<AnyRemote, number>();
  private _lastCrashReport = -Infinity;
  private _unreportedCrashes = 0;
  private _workers: PoolWorker[] = [];
  private _nextWorkerId = 1;
  private _queue: AnyRemote[] = [];
  private _head = 0;
  private _queued = 0;
  private _closed = false;
  private _closing: Promise<void> | undefined = undefined;
  private _closeResolve: (() => void) | undefined = undefined;
  // Terminations still under way (close() waits for them); each removes itself when done.
  private readonly _exits = new Set<Promise<void>>();
  private _loadFailures = 0;
  private _retryAt = 0;
  private _retryTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _stealTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  // Makes the pool's operations; they call `_remoteCanceled` inside their cancel() (through an owner object of
  // their own, which keeps the hook off the pool's public type).
  private readonly _make = remoteOperationMaker({ remoteCanceled: (op) => this._remoteCanceled(op) });

  /**
   * Makes a pool for the worker module at `url`: a `URL`, or a string, which in Node is a path (absolute, or
   * relative to the working directory, `process.cwd()`, as Node's `Worker` takes it; use
   * `new URL("./tasks.js", import.meta.url)` to name a file next to the caller) and in browsers a URL relative to
   * the page. No thread starts before the first `run`. Throws `TypeError` for a `url` that is neither, for a path
   * (or `file:` URL) where Node finds no file, or for an option of the wrong type (a `resourceLimits` key Node does
   * not know included), `RangeError` for an option out of range (a `resourceLimits` value that is not a positive
   * finite number included), and `TypeError` on a platform without workers.
   */
  constructor(url: string | URL, options: WorkerPoolOptions = {}) {
    if (typeof url !== "string" && !(url instanceof URL)) {
      throw new TypeError(`WorkerPool expects a URL or a string as url, got ${describe(url)}`);
    }
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`WorkerPool options must be an object, got ${describe(options)}`);
    }
    this._url = url;
    this._adapter = hostAdapter();
    this._size = readCount(options.size, "size", this._adapter.defaultSize(), false);
    this._window = readCount(options.window, "window", 64, false);
    this._maxQueue = readCount(options.maxQueue, "maxQueue", Infinity, true, true);
    this._graceMs = readDuration(options.cancelGraceMs, "cancelGraceMs", 1_000);
    this._idleMs = readDuration(options.idleTimeoutMs, "idleTimeoutMs", 30_000);
    if (options.resourceLimits !== undefined && (typeof options.resourceLimits !== "object" || options.resourceLimits === null)) {
      throw new TypeError(`WorkerPool options.resourceLimits must be an object, got ${describe(options.resourceLimits)}`);
    }
    if (options.resourceLimits !== undefined) checkResourceLimits(options.resourceLimits);
    this._resourceLimits = options.resourceLimits;
    if (options.name !== undefined && typeof options.name !== "string") {
      throw new TypeError(`WorkerPool options.name must be a string, got ${describe(options.name)}`);
    }
    this._name = options.name;
    this._startMs = readDuration(options.startTimeoutMs, "startTimeoutMs", 10_000);
    this._adapter.check(url);
    this._shared =
      typeof SharedArrayBuffer === "function" &&
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
  }

  /**
   * Runs task `name` on `input` in a worker and returns its operation at once (`started`; queued while every
   * thread's window is full). `options`: `signal` (cancels the operation; already aborted, the task never
   * runs), `description`, `transfer` (objects in `input` to move rather than copy; detached when `run` returns).
   * Over `maxQueue`, or for an `input` that cannot be cloned, the operation is returned already in `error`.
   * Throws `IllegalMethodCallError` after `close()`, `TypeError` for a `name` that is not a string or malformed
   * options.
   */
  run<N extends TaskName<T>>(
    name: N,
    ...args: TaskArguments<T, N, WorkerRunOptions>
  ): AsyncOperationWithProgress<TaskResult<T, N>, TaskProgress<T, N>> {
    if (this._closed) throw new IllegalMethodCallError("WorkerPool.run was called after close().");
    if (typeof name !== "string") throw new TypeError(`WorkerPool.run expects a task name, got ${describe(name)}`);
    const input = args[0];
    const options = args[1];
    // Every check that can throw comes before the operation exists: a `run` that throws leaves nothing behind.
    let signal: AbortSignal | undefined;
    let description: string | undefined;
    let list: readonly TransferItem[] | undefined;
    if (options !== undefined) {
      const checked = readRunOptions(options, "WorkerPool.run");
      list = options.transfer;
      if (list !== undefined && !Array.isArray(list)) {
        throw new TypeError(`WorkerPool.run options.transfer must be an array, got ${describe(list)}`);
      }
      description = checked?.description;
      signal = checked?.signal;
    }
    const op = this._make<TaskResult<T, N>, TaskProgress<T, N>>();
    op._name = name;
    if (description !== undefined) op._rare().description = description;
    try {
      // The input as it is now (DESIGN 4.7 rule 6): a copy, with the transferables moved into it, so that later
      // changes to the caller's objects, or a later `run` that transfers the same buffer, cannot reach it.
      if (list !== undefined && list.length > 0) {
        const detached = detachedItem(list);
        if (detached !== undefined) throw new DetachedInput(detached);
        const moved = structuredClone({ input, list }, { transfer: list as Transferable[] });
        op._input = moved.input;
        op._extrasOfRemote().xfer = moved.list;
      } else {
        op._input = snapshot(input);
      }
    } catch (error) {
      op._settle(AsyncStatus.error, inputError(name, input, error));
      return op;
    }
    if (signal !== undefined && !op._link(signal)) return op;
    this._place(op as AnyRemote);
    return op;
  }

  /** The pool's state now: threads alive, operations running in them and waiting. Never throws. */
  snapshot(): WorkerPoolSnapshot {
    let running = 0;
    for (const worker of this._workers) {
      for (const op of worker.held) if (op?._where === worker) running++;
    }
    return { size: this._size, threads: this._workers.length, running, queued: this._queued, closed: this._closed };
  }

  /**
   * Closes the pool: `run` throws from now on; every operation still queued or running is canceled (their
   * bodies get the cancel and `cancelGraceMs` to unwind); each thread ends once its bodies did (or is
   * terminated when the grace period is over). Resolves when every thread is gone; calling it again returns the
   * same promise. Never rejects.
   */
  close(): Promise<void> {
    if (this._closing !== undefined) return this._closing;
    this._closed = true;
    this._closing = new Promise<void>((resolve) => {
      this._closeResolve = resolve;
    });
    clearTimeout(this._retryTimer);
    clearTimeout(this._stealTimer);
    for (const op of this._queue.slice(this._head)) op?.cancel();
    this._queue = [];
    this._head = 0;
    this._dead = 0;
    for (const worker of [...this._workers]) {
      for (const op of worker.held) if (op != null) op.cancel();
      if (worker.count === 0) this._end(worker, undefined, false);
    }
    this._checkClosed();
    return this._closing;
  }

  /** `close()`, for `await using`. */
  [asyncDisposeSymbol](): Promise<void> {
    return this.close();
  }

  /** `util.inspect(pool)`: `WorkerPool { size: 2, threads: 1, running: 3, queued: 0, closed: false }`. */
  [inspectSymbol](): string {
    const { size, threads, running, queued, closed } = this.snapshot();
    return `WorkerPool { size: ${size}, threads: ${threads}, running: ${running}, queued: ${queued}, closed: ${closed} }`;
  }

  // ---- placing operations ---------------------------------------------------------------------------------

  private _place(op: AnyRemote): void {
    const worker = this._queued === 0 ? this._pick() : undefined;
    if (worker !== undefined) {
      this._send(worker, op);
    } else if (this._queued >= this._maxQueue) {
      op._input = undefined;
      op._settle(
        AsyncStatus.error,
        new AsyncError(`The WorkerPool queue is full: ${this._maxQueue} operations already wait (maxQueue).`),
      );
    } else {
      op._where = this;
      this._queue.push(op);
      this._queued++;
      if (this._workers.length === 0) this._schedulePump();
      this._holdRetry();
    }
  }

  /** The least loaded worker with a free slot, starting one when none is idle and the pool may grow. */
  private _pick(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const worker of this._workers) {
      if (worker.count < this._window && (best === undefined || worker.count < best.count)) best = worker;
    }
    if ((best === undefined || best.count > 0) && this._workers.length < this._size) {
      return this._spawn() ?? best;
    }
    return best;
  }

  private _spawn(): PoolWorker | undefined {
    if (this._closed) return undefined;
    if (this._loadFailures > 0 && now() < this._retryAt) {
      this._schedulePump();
      return undefined;
    }
    const worker = new PoolWorker(this._nextWorkerId++, this._window, this._shared);
    try {
      worker.handle = this._adapter.spawn(
        this._url,
        { resourceLimits: this._resourceLimits, name: this._name },
        {
          message: (data) => this._receive(worker, data),
          stray: (data) => this._stray(worker, data),
          crash: (cause) => this._end(worker, cause, true),
        },
        (port) => [INIT, 0, 0, worker.flags, { window: this._window, port }],
      );
    } catch (error) {
      // The URL was refused before any thread started: the operations waiting for it cannot run.
      this._loadFailures++;
      this._retryAt = now() + retryDelay(this._loadFailures);
      this._failQueued(error, "The worker module failed to load.");
      return undefined;
    }
    worker.lastHeard = now();
    this._workers.push(worker);
    if (Number.isFinite(this._startMs)) {
      worker.startTimer = setTimeout(() => {
        worker.startTimer = undefined;
        if (worker.ready || worker.dead) return;
        worker.expired = true;
        this._end(worker, new Error(`The worker module did not call expose() within ${this._startMs} ms (startTimeoutMs).`), true);
      }, this._startMs);
      // The thread, ref'd while it holds operations, keeps the process alive; this timer never does on its own.
      unrefTimer(worker.startTimer);
    }
    return worker;
  }

  /** Pumps the queue after the load-failure back-off, or on the next turn. */
  private _schedulePump(): void {
    if (this._retryTimer !== undefined || this._closed) return;
    const wait = Math.max(0, this._retryAt - now());
    this._retryTimer = setTimeout(() => {
      this._retryTimer = undefined;
      this._pump();
    }, wait);
    this._holdRetry();
  }

  /** The back-off timer keeps the process alive only while a live operation waits for it (DESIGN 4.1). */
  private _holdRetry(): void {
    const timer = this._retryTimer as { ref?(): void; unref?(): void } | undefined;
    if (timer === undefined) return;
    if (this._queued > 0) timer.ref?.();
    else timer.unref?.();
  }

  private _send(worker: PoolWorker, op: AnyRemote): void {
    const slot = worker.free.pop()!;
    worker.held[slot] = op;
    if (worker.count++ === 0) worker.handle.ref();
    op._where = worker;
    op._key = slot;
    const seq = ++this._seq;
    worker.seqs[slot] = seq;
    if (worker.flags !== null) Atomics.store(worker.flags, slot, 0);
    const list = op._more?.xfer;
    if (list !== undefined) worker.transfer.push(...list);
    this._push(worker, RUN, slot, seq, op._name, op._input);
  }

  private _push(worker: PoolWorker, kind: number, slot: number, seq: number, a: unknown, b: unknown): void {
    worker.out.push(kind, slot, seq, a, b);
    if (!worker.scheduled && worker.ready) {
      worker.scheduled = true;
      queueMicrotask(() => this._flush(worker));
    }
  }

  /** Posts the records gathered for `worker` (kept until it said `expose()` ran: a thread that fails first ran nothing). */
  private _flush(worker: PoolWorker): void {
    worker.scheduled = false;
    if (!worker.ready && !worker.dead) return;
    const out = worker.out;
    const transfer = worker.transfer;
    worker.out = [];
    worker.transfer = [];
    if (worker.dead || out.length === 0) return;
    try {
      worker.handle.post(out, transfer);
    } catch {
      // An input that cannot be cloned: send record by record and fail the operations whose record fails.
      for (let i = 0; i < out.length; i += RECORD_SIZE) {
        const record = out.slice(i, i + RECORD_SIZE);
        try {
          const list = record[0] === RUN ? worker.held[record[1] as number]?._more?.xfer : undefined;
          worker.handle.post(record, (list ?? []) as Transferable[]);
        } catch (error) {
          if (record[0] !== RUN) continue;
          const slot = record[1] as number;
          const op = worker.held[slot];
          this._release(worker, slot);
          if (op != null) this._finished(op, AsyncStatus.error, error);
        }
      }
      if (this._queued > 0) this._pump();
      if (worker.count === 0) this._idle(worker);
    }
  }

  private _pump(): void {
    while (this._queued > 0) {
      const worker = this._pick();
      if (worker === undefined) return;
      const op = this._dequeue();
      if (op === undefined) return;
      this._send(worker, op);
    }
  }

  private _dequeue(): AnyRemote | undefined {
    const queue = this._queue;
    while (this._head < queue.length) {
      const op = queue[this._head]!;
      queue[this._head++] = undefined as unknown as AnyRemote;
      if (op._where !== this) {
        if (this._dead > 0) this._dead--;
      } else {
        this._queued--;
        if (this._head > 1024 && this._head * 2 > queue.length) {
          this._queue = queue.slice(this._head);
          this._head = 0;
        }
        return op;
      }
    }
    return undefined;
  }

  // ---- records from a worker --------------------------------------------------------------------------------

  private _receive(worker: PoolWorker, data: unknown): void {
    if (worker.dead) return;
    worker.lastHeard = now();
    const problem = batchProblem(data);
    if (problem !== undefined) {
      reportRejected(worker, 1, problem);
      return;
    }
    const records = data as unknown[];
    const held = worker.held;
    const seqs = worker.seqs;
    // Bad records are counted and reported once per message (DESIGN 4.7 rule 9).
    let rejected = 0;
    let first: string | undefined;
    let becameReady = false;
    for (let i = 0; i < records.length; i += RECORD_SIZE) {
      const kind = records[i];
      const bad = recordProblem(records, i, WORKER_KINDS, this._window);
      if (bad !== undefined) {
        rejected++;
        first ??= bad;
        continue;
      }
      if (kind === READY) {
        if (!worker.ready) {
          worker.ready = true;
          becameReady = true;
          clearTimeout(worker.startTimer);
          worker.startTimer = undefined;
        }
        continue;
      }
      const slot = records[i + 1] as number;
      const op = held[slot];
      if (op === undefined || seqs[slot] !== records[i + 2]) {
        rejected++;
        first ??=
          op === undefined
            ? `a record of kind ${String(kind)} names slot ${slot}, which holds no task`
            : `a record of kind ${String(kind)} names run ${String(records[i + 2])} in slot ${slot}, which holds run ${seqs[slot]}`;
        continue;
      }
      if (kind !== RELEASED && !worker.ranTask) {
        // A task ran here: the module starts fine, whatever happens to this thread later.
        worker.ranTask = true;
        this._loadFailures = 0;
      }
      if (kind === PROGRESS) {
        if (op !== STOLEN) op._report(records[i + 3]);
        continue;
      }
      this._release(worker, slot);
      if (op === STOLEN) continue;
      if (kind === COMPLETED) {
        this._finished(op, AsyncStatus.completed, records[i + 3]);
      } else if (kind === FAILED) {
        let error: unknown;
        try {
          error = decodeError(records[i + 3]);
        } catch (malformed) {
          error = malformed;
        }
        this._finished(op, AsyncStatus.error, error);
      } else {
        // RELEASED for a task the host did not take back: the worker did not run it.
        this._finished(op, AsyncStatus.error, new TypeError("winrt-async/worker: the worker released a task it was asked to run"));
      }
    }
    if (rejected > 0) reportRejected(worker, rejected, first!);
    if (becameReady && worker.out.length > 0) this._flush(worker);
    if (this._queued > 0) this._pump();
    if (worker.count === 0) this._idle(worker);
  }

  /** A message through the worker's own channel: task code posted it; it settles nothing. */
  private _stray(worker: PoolWorker, data: unknown): void {
    if (worker.dead) return;
    const count = Array.isArray(data) ? Math.max(1, Math.floor(data.length / RECORD_SIZE)) : 1;
    reportRejected(
      worker,
      count,
      "it came through the worker's own channel (parentPort.postMessage or self.postMessage in task code), not the pool's",
    );
  }

  private _release(worker: PoolWorker, slot: number): void {
    worker.held[slot] = undefined;
    worker.free.push(slot);
    if (--worker.count === 0) worker.handle.unref();
  }

  /**
   * The body of `op` ended (or can no longer run): settle it if it still runs, and wake disposers. An error that
   * arrives after the operation was canceled is reported (as in-process) when `late` says it came from the body.
   */
  private _finished(op: AnyRemote, status: AsyncStatus, value: unknown, late = true): void {
    op._where = null;
    op._input = undefined;
    const more = op._more;
    if (more !== undefined) {
      more.xfer = undefined;
      clearTimeout(more.timer);
      more.timer = undefined;
    }
    if ((op._state & 3) === STARTED) {
      if (status === AsyncStatus.completed) op._settle(status, value);
      else op._fail(value);
    } else if (status === AsyncStatus.error && late) {
      // Too late: the operation was canceled. `_fail` reports it unless it is the cancellation itself.
      op._fail(value);
    }
    op._bodyEnded();
  }

  private _idle(worker: PoolWorker): void {
    if (this._closed) {
      this._end(worker, undefined, false);
      return;
    }
    if (this._queued === 0 && this._workers.length > 1) this._steal(worker);
    if (worker.count > 0) return;
    worker.idleSince = now();
    if (worker.idleTimer === undefined && Number.isFinite(this._idleMs)) this._armIdle(worker, this._idleMs);
  }

  private _armIdle(worker: PoolWorker, ms: number): void {
    const timer = setTimeout(() => {
      worker.idleTimer = undefined;
      if (worker.dead || worker.count > 0) return;
      const left = this._idleMs - (now() - worker.idleSince);
      if (left > 0) this._armIdle(worker, left);
      else this._end(worker, undefined, false);
    }, ms);
    unrefTimer(timer);
    worker.idleTimer = timer;
  }

  /** An idle worker takes, oldest first, tasks that a silent worker was sent and has not started. */
  private _steal(idle: PoolWorker): void {
    if (idle.flags === null) return;
    const t = now();
    let retryIn = Infinity;
    const candidates: [PoolWorker, number, AnyRemote][] = [];
    for (const other of this._workers) {
      if (other === idle || other.flags === null || other.count === 0) continue;
      const silent = t - other.lastHeard;
      for (let slot = 0; slot < other.held.length; slot++) {
        const op = other.held[slot];
        if (op == null || op._more?.xfer !== undefined || (op._state & 3) !== STARTED) continue;
        if ((Atomics.load(other.flags, slot) & STARTED_BIT) !== 0) continue;
        if (silent < STEAL_AFTER_MS) retryIn = Math.min(retryIn, STEAL_AFTER_MS - silent);
        else candidates.push([other, slot, op]);
      }
    }
    candidates.sort((a, b) => a[2]._id - b[2]._id);
    for (const [other, slot, op] of candidates) {
      if (idle.count >= this._window) break;
      if ((Atomics.or(other.flags!, slot, STOLEN_BIT) & STARTED_BIT) !== 0) continue;
      other.held[slot] = STOLEN;
      this._send(idle, op);
    }
    if (idle.count === 0 && retryIn !== Infinity && this._stealTimer === undefined) {
      this._stealTimer = setTimeout(() => {
        this._stealTimer = undefined;
        for (const worker of this._workers) if (worker.count === 0 && this._queued === 0) this._idle(worker);
      }, Math.ceil(retryIn));
      unrefTimer(this._stealTimer);
    }
  }

  // ---- cancel, crash, end -----------------------------------------------------------------------------------

  /** Called by an operation of this pool inside its `cancel()`. */
  private _remoteCanceled(op: AnyRemote): void {
    const where = op._where;
    if (where === this) {
      // Released at once (its input and transfer list), and out of the queue even while every thread is busy.
      op._where = null;
      op._input = undefined;
      if (op._more !== undefined) op._more.xfer = undefined;
      this._queued--;
      if (++this._dead * 2 >= this._queue.length - this._head) this._compact();
      this._holdRetry();
      return;
    }
    if (!(where instanceof PoolWorker)) return;
    const slot = op._key as number;
    if (where.flags !== null) Atomics.or(where.flags, slot, CANCEL_BIT);
    this._push(where, CANCEL, slot, where.seqs[slot]!, 0, 0);
    const more = op._extrasOfRemote();
    if (Number.isFinite(this._graceMs) && more.timer === undefined) {
      more.timer = setTimeout(() => {
        more.timer = undefined;
        if (op._where === where && !where.dead) {
          this._end(
            where,
            new AsyncError(`Task "${op._name}" was still running ${this._graceMs} ms after it was canceled; its worker was terminated.`),
            false,
          );
        }
      }, this._graceMs);
      unrefTimer(more.timer);
    }
  }

  /** Drops the canceled operations from the queue (amortized: done when they are half of it). */
  private _compact(): void {
    const live: AnyRemote[] = [];
    const queue = this._queue;
    for (let i = this._head; i < queue.length; i++) {
      const op = queue[i]!;
      if (op._where === this) live.push(op);
    }
    this._queue = live;
    this._head = 0;
    this._dead = 0;
  }

  /**
   * Ends `worker`: a crash (`crashed`), a termination after a cancel's grace period (`cause` given), or a quiet
   * end (idle, close: no `cause`). Operations it was running end `error` with `DisconnectedError`; those it had not
   * started go back to the front of the queue, unless the module failed to load, which fails every waiting
   * operation (they would be sent to the same module) and delays the next thread (no tight respawn loop).
   */
  private _end(worker: PoolWorker, cause: unknown, crashed: boolean): void {
    if (worker.dead) return;
    worker.dead = true;
    this._workers = this._workers.filter((item) => item !== worker);
    clearTimeout(worker.idleTimer);
    clearTimeout(worker.startTimer);
    worker.out = [];
    worker.transfer = [];
    const flags = worker.flags;
    const lost: AnyRemote[] = [];
    const unstarted: AnyRemote[] = [];
    let taskStarted = worker.ranTask;
    for (let slot = 0; slot < worker.held.length; slot++) {
      const op = worker.held[slot];
      if (op === undefined) continue;
      const started =
        flags === null ||
        (op?._more?.xfer !== undefined && worker.ready) ||
        (Atomics.or(flags, slot, STOLEN_BIT) & STARTED_BIT) !== 0;
      if (started && worker.ready) taskStarted = true;
      if (op === null) continue;
      // Nothing was posted before the module said `expose()` ran: no task of a thread that never got there started.
      if ((!started || !worker.ready) && (op._state & 3) === STARTED) unstarted.push(op);
      else lost.push(op);
    }
    worker.held.length = 0;
    worker.count = 0;
    const exit = worker.handle.terminate().then(() => {
      this._exits.delete(exit);
    });
    this._exits.add(exit);
    const loadFailure = crashed && !worker.ready;
    // A crash after `expose()` with no task started (a config that fails on a timer) is a failed start too: the
    // same back-off, and its operations go back to the queue a bounded number of times (DESIGN 4.7 rule 8).
    const failedStart = crashed && worker.ready && !taskStarted;
    const message = worker.expired
      ? `The worker module did not call expose() in time (startTimeoutMs: ${this._startMs}).`
      : loadFailure && exitCodeOf(cause) !== undefined
        ? "The worker module exited without calling expose()."
        : loadFailure
          ? "The worker module failed to load."
          : failedStart
            ? "The worker thread crashed before any task started."
            : crashed
              ? "The worker thread crashed or exited."
              : "The worker thread was terminated.";
    // A canceled operation whose thread ended has nothing to report: its body is simply gone.
    for (const op of lost) this._finished(op, AsyncStatus.error, new DisconnectedError(message, { cause }), false);
    if (loadFailure || failedStart) {
      this._loadFailures++;
      this._retryAt = now() + retryDelay(this._loadFailures);
    }
    if (loadFailure) {
      for (const op of unstarted) this._finished(op, AsyncStatus.error, new DisconnectedError(message, { cause }));
      this._failQueued(cause, message);
    } else if (unstarted.length > 0) {
      const again: AnyRemote[] = [];
      for (const op of unstarted) {
        const count = failedStart ? (this._requeues.get(op) ?? 0) + 1 : 0;
        if (count > MAX_REQUEUES) {
          this._finished(
            op,
            AsyncStatus.error,
            new DisconnectedError(`${message} The operation was sent to ${count} threads that all crashed before it started.`, { cause }),
          );
          continue;
        }
        if (failedStart) this._requeues.set(op, count);
        op._where = this;
        again.push(op);
      }
      again.sort((a, b) => a._id - b._id);
      this._queue = again.concat(this._queue.slice(this._head));
      this._head = 0;
      this._queued += again.length;
    }
    if (crashed && lost.length === 0 && !loadFailure) {
      const held = unstarted.length === 0 ? "It held no operation." : `The ${unstarted.length} operation(s) it had not started were not lost.`;
      this._reportCrash(`${message} ${held}`, cause);
    }
    if (this._closed) this._checkClosed();
    else if (this._queued > 0) this._pump();
    this._holdRetry();
  }

  /** A crash nobody's operation carries goes to the unobserved-error report, at most once per `CRASH_REPORT_MS`. */
  private _reportCrash(message: string, cause: unknown): void {
    const t = now();
    if (t - this._lastCrashReport < CRASH_REPORT_MS) {
      this._unreportedCrashes++;
      return;
    }
    const more = this._unreportedCrashes;
    this._unreportedCrashes = 0;
    this._lastCrashReport = t;
    const suffix = more > 0 ? ` ${more} more crash(es) since the last report were not reported.` : "";
    AsyncAction.fromError(new DisconnectedError(message + suffix, { cause }));
  }

  private _failQueued(cause: unknown, message: string): void {
    let op: AnyRemote | undefined;
    while ((op = this._dequeue()) !== undefined) {
      this._finished(op, AsyncStatus.error, new DisconnectedError(message, { cause }));
    }
  }

  private _checkClosed(): void {
    if (this._workers.length > 0 || this._closeResolve === undefined) return;
    const resolve = this._closeResolve;
    this._closeResolve = undefined;
    void Promise.all(this._exits).then(() => resolve());
  }
}

function reportRejected(worker: PoolWorker, count: number, problem: string): void {
  // Goes to the unobserved-error report, once per message; the pool keeps serving.
  const what = count === 1 ? "a record" : `${count} records`;
  AsyncAction.fromError(new TypeError(`winrt-async/worker: rejected ${what} of a message from worker ${worker.id}; the first: ${problem}`));
}

function exitCodeOf(cause: unknown): number | undefined {
  const code = typeof cause === "object" && cause !== null ? (cause as { exitCode?: unknown }).exitCode : undefined;
  return typeof code === "number" ? code : undefined;
}

function checkResourceLimits(limits: object): void {
  for (const key of Object.keys(limits)) {
    if (!RESOURCE_LIMITS.has(key)) {
      throw new TypeError(
        `WorkerPool options.resourceLimits has an unknown key ${JSON.stringify(key)}; expected ${[...RESOURCE_LIMITS].join(", ")}`,
      );
    }
    const value = (limits as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number") {
      throw new TypeError(`WorkerPool options.resourceLimits.${key} must be a number, got ${describe(value)}`);
    }
    if (!(value > 0 && Number.isFinite(value))) {
      throw new RangeError(`WorkerPool options.resourceLimits.${key} must be a positive finite number of MB, got ${value}`);
    }
  }
}

/** A transfer-list item that is a detached `ArrayBuffer` (already transferred): sending it would send 0 bytes. */
function detachedItem(list: readonly TransferItem[]): ArrayBuffer | undefined {
  for (const item of list) {
    if (!(item instanceof ArrayBuffer) || item.byteLength !== 0) continue;
    try {
      new Uint8Array(item);
    } catch {
      return item;
    }
  }
  return undefined;
}

class DetachedInput {
  constructor(readonly buffer: ArrayBuffer) {}
}

/** The error for an input `run` cannot copy: names the task and where in the input the problem is. */
function inputError(name: string, input: unknown, error: unknown): unknown {
  if (error instanceof DetachedInput) {
    const path = pathTo(input, (value) => value === error.buffer || (ArrayBuffer.isView(value) && value.buffer === error.buffer));
    return new TypeError(
      `WorkerPool.run(${JSON.stringify(name)}): the transfer list holds a detached ArrayBuffer${path === undefined ? "" : ` (at ${path})`}; it was already transferred`,
    );
  }
  const path = pathTo(input, isUncloneable);
  if (path === undefined) return error;
  const reason = error instanceof Error ? ` (${error.message})` : "";
  const DOMExceptionClass = (globalThis as { DOMException?: new (message: string, name: string) => Error }).DOMException;
  const message = `WorkerPool.run(${JSON.stringify(name)}): the input cannot be cloned: ${path} cannot be copied to a worker${reason}`;
  return DOMExceptionClass === undefined ? new TypeError(message) : new DOMExceptionClass(message, "DataCloneError");
}

function isUncloneable(value: unknown): boolean {
  if (typeof value === "function" || typeof value === "symbol") return true;
  if (value instanceof ArrayBuffer && value.byteLength === 0) {
    try {
      new Uint8Array(value);
    } catch {
      return true;
    }
  }
  return false;
}

/** The path (`input.a[2].b`) of the first value in `root` that `test` accepts, or undefined. Only on errors. */
function pathTo(root: unknown, test: (value: unknown) => boolean): string | undefined {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string, depth: number): string | undefined => {
    if (test(value)) return path;
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 64) return undefined;
    seen.add(value);
    try {
      if (value instanceof Map) {
        let index = 0;
        for (const [key, item] of value) {
          const found = visit(key, `${path}.<key ${index}>`, depth + 1) ?? visit(item, `${path}.get(<key ${index}>)`, depth + 1);
          if (found !== undefined) return found;
          index++;
        }
        return undefined;
      }
      if (value instanceof Set) {
        let index = 0;
        for (const item of value) {
          const found = visit(item, `${path}.<item ${index++}>`, depth + 1);
          if (found !== undefined) return found;
        }
        return undefined;
      }
      if (ArrayBuffer.isView(value)) return undefined;
      const isArray = Array.isArray(value);
      for (const key of Object.keys(value)) {
        const step = isArray ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
        const found = visit((value as Record<string, unknown>)[key], path + step, depth + 1);
        if (found !== undefined) return found;
      }
    } catch {
      return undefined;
    }
    return undefined;
  };
  return visit(root, "input", 0);
}

function retryDelay(failures: number): number {
  return Math.min(MAX_RETRY_MS, 100 * 2 ** (failures - 1));
}

function unrefTimer(timer: unknown): void {
  (timer as { unref?(): void }).unref?.();
}

function readCount(value: unknown, name: string, fallback: number, allowZero: boolean, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`WorkerPool options.${name} must be a number, got ${describe(value)}`);
  const ok =
    (Number.isInteger(value) && (allowZero ? value >= 0 : value >= 1) && value <= 0x10000) ||
    (allowInfinity && value === Infinity);
  if (!ok) {
    throw new RangeError(
      `WorkerPool options.${name} must be an integer from ${allowZero ? 0 : 1} to 65536${allowInfinity ? " or Infinity" : ""}, got ${value}`,
    );
  }
  return value;
}

function readDuration(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`WorkerPool options.${name} must be a number, got ${describe(value)}`);
  if (!(value >= 0)) throw new RangeError(`WorkerPool options.${name} must be 0 or more (or Infinity), got ${value}`);
  return value;
}
