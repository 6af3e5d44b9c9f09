import type { ConnectionOptions, Job, RateLimiterOptions, Worker as WorkerType, WorkerListener, WorkerOptions } from "bullmq";
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { RemoteTaskContext, type TaskContextHost } from "../remote/task-context.js";
import { DisconnectedError, isCanceledError } from "../errors.js";
import { describe } from "../describe.js";
import { asyncDisposeSymbol } from "../symbols.js";
import type { WorkerPool } from "../worker/worker-pool.js";
import type { TaskMap } from "../remote/task-types.js";
import { UnrecoverableError, WaitingError } from "./peer-modules.js";
import { ServeWorker, malformedJobs } from "./serve-worker.js";
import { assertJson } from "../remote/json-value.js";
import { CANCELED_MARKER, errorLogRow } from "./job-outcome.js";
import { ProgressThrottle } from "./progress-throttle.js";
import { CancelListener, cancelChannel } from "./cancel-channel.js";
import { ErrorReporter } from "./error-reporter.js";
import { settlesWithin } from "./settles-within.js";

/**
 * What `serve` needs of a worker pool: a `WorkerPool` from `winrt-async/worker` (its `run(name, input,
 * { description })` returns an operation with progress whose cancel reaches the task, or ends in the forced
 * termination of its thread).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobPool = Pick<WorkerPool<any>, "run">;

/** Options of `serve`. */
export interface ServeOptions {
  /** BullMQ's connection: ioredis options or an ioredis client (shared, not closed). */
  readonly connection: ConnectionOptions;
  /** BullMQ's key prefix; default BullMQ's (`"bull"`). Must match the clients. */
  readonly prefix?: string | undefined;
  /** Jobs run at once by this process (BullMQ's `concurrency`). Default 1. */
  readonly concurrency?: number | undefined;
  /**
   * Progress throttle per job, in ms (default 100; 0 = every report is sent): the first report after a quiet
   * period is sent at once, later ones are conflated (latest wins) and the latest is sent when the interval ends;
   * the last value reported before the task returns is always sent before the job completes.
   */
  readonly progressIntervalMs?: number | undefined;
  /** Runs every job in this pool (a `WorkerPool` from `winrt-async/worker`) instead of in this thread. */
  readonly pool?: JobPool | undefined;
  /** BullMQ's `lockDuration` (ms a job's lock lasts without renewal; default BullMQ's 30000). */
  readonly lockDuration?: number | undefined;
  /** BullMQ's `stalledInterval` (ms between stalled-job checks; default BullMQ's 30000). */
  readonly stalledInterval?: number | undefined;
  /** BullMQ's `maxStalledCount`: stalls a job survives before it fails (default BullMQ's 1). */
  readonly maxStalledCount?: number | undefined;
  /** BullMQ's `limiter` (`{ max, duration }`: at most `max` jobs per `duration` ms across the queue's workers). */
  readonly limiter?: RateLimiterOptions | undefined;
  /**
   * Any other option of BullMQ's `Worker` (`drainDelay`, `removeOnComplete`, `removeOnFail`, `skipStalledCheck`,
   * ...), passed through as given. The options above win over the same keys here; `connection`, `prefix`,
   * `concurrency` and `autorun` are `serve`'s.
   */
  readonly workerOptions?: Omit<WorkerOptions, "connection" | "prefix" | "concurrency" | "autorun"> | undefined;
  /** On `close()`, how long (ms) running jobs may go on before they are canceled and put back in the queue. Default 10000. */
  readonly closeGraceMs?: number | undefined;
  /**
   * On `close()`, how long (ms) each later step may take: canceled bodies to end, then the forced close of the
   * connections. `close()` resolves within `closeGraceMs` + 2 × `closeTimeoutMs` in every case. Default 5000.
   */
  readonly closeTimeoutMs?: number | undefined;
  /**
   * How long (ms) `ready` waits for Redis before it rejects with `DisconnectedError` (the last connection error as
   * `cause`). The server keeps trying in the background and takes jobs once Redis answers; close it to stop.
   * Default 10000.
   */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * Receives connection and BullMQ errors (ioredis reconnects by itself). Default: the first one is printed once on
   * the console (`console.error`), later ones are dropped.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The events of BullMQ's `Worker` that a `JobServer` forwards (with the `Worker`'s own listener arguments). */
export type JobServerEvent = "completed" | "failed" | "active" | "stalled" | "error";

/** A running `serve`: close it (or `await using` it) to stop taking jobs. */
export interface JobServer {
  /** The queue's name. */
  readonly queueName: string;
  /** The underlying BullMQ `Worker` (for `pause`, `resume`, `isRunning`, metrics...; `close` it through `close()`). */
  readonly worker: WorkerType;
  /**
   * Listens to the `Worker`'s `completed`, `failed`, `active`, `stalled` or `error` event (BullMQ's arguments: the
   * job, its result or error, ...). Listening to `error` does not replace `onError`. Throws `TypeError` for another
   * event name or a listener that is not a function.
   */
  on<E extends JobServerEvent>(event: E, listener: WorkerListener[E]): this;
  /** Stops a listener added with `on`. */
  off<E extends JobServerEvent>(event: E, listener: WorkerListener[E]): this;
  /**
   * Resolves once the server listens for cancels and takes jobs. Rejects when it cannot connect: with Redis'
   * error (a refused password, a missing ACL permission), with `DisconnectedError` after `connectTimeoutMs`, or
   * with `DisconnectedError` when the server is closed first. Never stays pending.
   */
  readonly ready: Promise<void>;
  /**
   * Stops taking jobs and waits for the running ones; those still running `closeGraceMs` later are canceled
   * (their `ctx.signal` aborts) and, once their bodies have ended, put back in the queue for another consumer (a
   * body that returns a result instead completes its job). When Redis is lost before or during the close, the
   * bodies are canceled at once (their jobs cannot end in Redis now; BullMQ gives them to another consumer once it
   * is back). Bodies still running `closeTimeoutMs` after their cancel (a body without a `pool` that ignores
   * `ctx.signal` cannot be stopped) are left behind: the connections are closed under them, their jobs stall and
   * another consumer takes them after the lock expires, as after a crash, and what they return later is dropped.
   * Resolves within `closeGraceMs` + 2 × `closeTimeoutMs` in every case. Idempotent; never rejects.
   */
  close(): Promise<void>;
  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** A job this process runs: its context (in-process) or its pool operation, and its progress throttle. */
interface Running {
  readonly job: Job;
  /** The body's context when the job runs in this thread. */
  ctx: RemoteTaskContext<Running> | undefined;
  /** The pool's operation when the job runs in a `WorkerPool`. */
  op: AsyncOperationWithProgress<unknown, unknown> | undefined;
  /** Made on the first report. */
  throttle: ProgressThrottle | undefined;
  /** Why we canceled the body, if we did. */
  reason: "cancel" | "close" | undefined;
  /** Stops waiting for the body (close gave up on it): `process` throws, with the connections already closed. */
  abandon: ((error: unknown) => void) | undefined;
  /** `close` gave up on the body: nothing more is written for the job. */
  abandoned: boolean;
}

/** How long a cancel announced for a job this process does not hold is remembered (it may be about to take it). */
const REMEMBER_CANCEL_MS = 10 * 60_000;
const REMEMBER_CANCEL_MAX = 10_000;

/**
 * Runs the jobs of queue `queueName` with `tasks`, the very object a worker `expose`s: each job's BullMQ name is
 * the task name, its data the input, and the task's `ctx` is the one `AsyncOperationWithProgress.run` gives
 * (`signal`, `canceled`, `throwIfCanceled`, `onCancel`, `report`). A result must be JSON data; a thrown value
 * travels as a structured envelope (class, `hresult`, `cause`, data) and BullMQ retries as the job's options say;
 * a cancel from any client aborts `ctx.signal` (reason: a `CanceledError`) and ends the job with a canceled
 * marker that is never retried; a job naming no task fails at once (a `TypeError`, not retried).
 * `serve(queueName, pool, options)` runs every job in a `WorkerPool` of `winrt-async/worker` instead: the task
 * names are the pool's (a job naming none fails as the pool's `run` does).
 * Returns at once; see `JobServer.ready`. Throws `TypeError` for a bad `queueName`, `tasks`, `pool` or options.
 */
export function serve(queueName: string, pool: JobPool, options: ServeOptions): JobServer;
export function serve(queueName: string, tasks: TaskMap | object, options: ServeOptions): JobServer;
export function serve(queueName: string, tasks: TaskMap | JobPool | object, options: ServeOptions): JobServer {
  return new Server(queueName, tasks, options);
}

/** A `WorkerPool` (or another pool object), told apart from a tasks object: not a plain object, with a `run` method. */
function isPool(value: unknown): value is JobPool {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null && typeof (value as { run?: unknown }).run === "function";
}

const SERVER_EVENTS = new Set<string>(["completed", "failed", "active", "stalled", "error"]);

class Server implements JobServer, TaskContextHost<Running> {
  readonly queueName: string;
  readonly ready: Promise<void>;
  readonly worker: WorkerType;
  /** The tasks run in this thread; `undefined` when every job runs in the pool (`serve(queue, pool, options)`). */
  private readonly tasks: TaskMap | undefined;
  private readonly listener: CancelListener;
  private readonly running = new Map<string, Running>();
  /** Cancels announced for jobs this process did not hold: job id → when heard, and the job's creation time. */
  private readonly cancelRequests = new Map<string, { readonly at: number; readonly timestamp: number | undefined }>();
  private readonly progressIntervalMs: number;
  private readonly closeGraceMs: number;
  private readonly closeTimeoutMs: number;
  /** The worker's ioredis client, once the worker is ready (its status tells whether Redis is reachable). */
  private redis: { readonly status: string } | undefined = undefined;
  /** Called when the worker's connection is lost (set while closing). */
  private lost: (() => void) | undefined = undefined;
  private readonly pool: JobPool | undefined;
  private readonly onError: (error: unknown) => void;
  private readonly reporter: ErrorReporter;
  private closing: Promise<void> | undefined = undefined;
  /** Settles `ready` (first call wins). */
  private settleReady!: (error?: unknown) => void;

  constructor(queueName: string, tasks: unknown, options: ServeOptions) {
    if (typeof queueName !== "string" || queueName === "") {
      throw new TypeError(`serve expects a queue name (a non-empty string), got ${describe(queueName)}`);
    }
    const poolOnly = isPool(tasks);
    if (!poolOnly && (typeof tasks !== "object" || tasks === null || !Object.values(tasks).some((t) => typeof t === "function"))) {
      throw new TypeError(`serve expects an object of task functions or a WorkerPool, got ${describe(tasks)}`);
    }
    if (poolOnly && options?.pool !== undefined) {
      throw new TypeError("serve was given a WorkerPool twice (as its second argument and as options.pool)");
    }
    if (typeof options !== "object" || options?.connection === undefined) {
      throw new TypeError(`serve expects options with a connection, got ${describe(options)}`);
    }
    const {
      connection,
      prefix,
      concurrency = 1,
      progressIntervalMs = 100,
      pool,
      closeGraceMs = 10_000,
      closeTimeoutMs = 5000,
      connectTimeoutMs = 10_000,
      onError,
    } = options;
    checkNumber(concurrency, "concurrency", 1);
    checkNumber(connectTimeoutMs, "connectTimeoutMs", 1);
    checkNumber(progressIntervalMs, "progressIntervalMs", 0);
    checkNumber(closeGraceMs, "closeGraceMs", 0);
    checkNumber(closeTimeoutMs, "closeTimeoutMs", 1);
    for (const key of ["lockDuration", "stalledInterval", "maxStalledCount"] as const) {
      if (options[key] !== undefined) checkNumber(options[key], key, key === "maxStalledCount" ? 0 : 1);
    }
    if (options.limiter !== undefined && (typeof options.limiter !== "object" || options.limiter === null)) {
      throw new TypeError(`serve options.limiter must be BullMQ's { max, duration }, got ${describe(options.limiter)}`);
    }
    if (options.workerOptions !== undefined && (typeof options.workerOptions !== "object" || options.workerOptions === null)) {
      throw new TypeError(`serve options.workerOptions must be an object of BullMQ Worker options, got ${describe(options.workerOptions)}`);
    }
    if (pool !== undefined && (typeof pool !== "object" || pool === null || typeof pool.run !== "function")) {
      throw new TypeError(`serve options.pool must be a WorkerPool, got ${describe(pool)}`);
    }
    if (onError !== undefined && typeof onError !== "function") {
      throw new TypeError(`serve options.onError must be a function, got ${describe(onError)}`);
    }
    this.queueName = queueName;
    this.progressIntervalMs = progressIntervalMs;
    this.closeGraceMs = closeGraceMs;
    this.closeTimeoutMs = closeTimeoutMs;
    this.pool = poolOnly ? tasks : pool;
    this.tasks = poolOnly ? undefined : (tasks as TaskMap);
    this.reporter = new ErrorReporter(`serve of queue "${queueName}"`, onError);
    this.onError = this.reporter.report;
    this.listener = new CancelListener(
      connection,
      (db) => cancelChannel(prefix ?? "bull", queueName, db),
      (jobId, timestamp) => this.cancelRequested(jobId, timestamp),
      this.onError,
    );
    this.worker = new ServeWorker(queueName, (job, token) => this.process(job, token), {
      ...options.workerOptions,
      connection,
      concurrency,
      autorun: false,
      ...(prefix === undefined ? {} : { prefix }),
      ...(options.lockDuration === undefined ? {} : { lockDuration: options.lockDuration }),
      ...(options.stalledInterval === undefined ? {} : { stalledInterval: options.stalledInterval }),
      ...(options.maxStalledCount === undefined ? {} : { maxStalledCount: options.maxStalledCount }),
      ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
    });
    this.worker.on("error", this.onError);
    this.worker.getBackend().on("close", () => this.lost?.());
    this.ready = new Promise<void>((resolve, reject) => {
      let settled = false;
      this.settleReady = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(() => {
        this.settleReady(
          new DisconnectedError(`serve of queue "${queueName}" could not reach Redis within ${connectTimeoutMs} ms.`, {
            cause: this.reporter.last,
          }),
        );
      }, connectTimeoutMs);
    });
    this.ready.catch(() => undefined); // its rejection reaches whoever awaits it; the errors themselves went to onError
    // Take no job before the cancel subscription is active: a cancel for a job this process holds is never missed.
    this.listener.ready
      .then(async () => {
        if (this.closing !== undefined) return;
        this.worker.run().catch(this.onError);
        await this.worker.waitUntilReady();
        this.redis = await this.worker.getBackend().client;
        this.settleReady();
      })
      .catch((error: unknown) => {
        this.onError(error);
        this.settleReady(error);
      });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.settleReady(new DisconnectedError(`serve of queue "${this.queueName}" was closed before it reached Redis.`));
      const cancelAll = (): void => {
        for (const entry of this.running.values()) this.cancelRunning(entry, "close");
      };
      // Not waiting for `ready`: a server that never reached Redis must still close (it then never takes a job).
      // 1. The grace period: running jobs may finish, unless the connection is (or gets) lost.
      const closing = this.worker.close().catch(this.onError);
      const lost = new Promise<void>((resolve) => {
        this.lost = resolve;
        if (!this.connected()) resolve();
      });
      await settlesWithin(Promise.race([closing, lost]), this.closeGraceMs);
      this.lost = undefined;
      // 2. Cancel what still runs; canceled bodies end (their jobs go back to the queue) within closeTimeoutMs.
      cancelAll();
      if (this.connected() && (await settlesWithin(closing, this.closeTimeoutMs))) {
        await this.listener.close(this.closeTimeoutMs);
        return;
      }
      // 3. Redis is lost, or a body ignores its cancel: close the connections under the bodies first (so BullMQ
      // cannot fail their jobs: they stall, as after a crash), then stop waiting for the bodies.
      const forced = this.worker.getBackend().disconnect().catch(() => undefined);
      this.listener.disconnect();
      for (const entry of this.running.values()) {
        entry.abandoned = true;
        entry.abandon?.(new DisconnectedError(`serve of queue "${this.queueName}" closed while job ${entry.job.id} ran.`));
      }
      await settlesWithin(Promise.all([forced, closing]), this.closeTimeoutMs);
    })();
    return this.closing;
  }

  [asyncDisposeSymbol](): Promise<void> {
    return this.close();
  }

  on<E extends JobServerEvent>(event: E, listener: WorkerListener[E]): this {
    checkListener(event, listener, "on");
    this.worker.on(event, listener);
    return this;
  }

  off<E extends JobServerEvent>(event: E, listener: WorkerListener[E]): this {
    checkListener(event, listener, "off");
    this.worker.off(event, listener);
    return this;
  }

  /** Redis answers the worker's connection as far as ioredis knows (false before it connected and once it is lost). */
  private connected(): boolean {
    return this.redis?.status === "ready";
  }

  /** Cancels the body of `entry` (its context, or its pool operation). */
  private cancelRunning(entry: Running, reason: "cancel" | "close"): void {
    entry.reason ??= reason;
    entry.ctx?.cancel();
    entry.op?.cancel();
  }

  private cancelRequested(jobId: string, timestamp: number | undefined): void {
    const entry = this.running.get(jobId);
    if (entry !== undefined && isSameJob(entry.job, timestamp)) {
      this.cancelRunning(entry, "cancel");
      return;
    }
    // Not held here (yet): this process may be between taking the job and starting it. The creation time keeps
    // the cancel to that job: a later job reusing the id is another job.
    const now = Date.now();
    if (this.cancelRequests.size >= REMEMBER_CANCEL_MAX) {
      for (const [id, { at }] of this.cancelRequests) {
        if (now - at < REMEMBER_CANCEL_MS && this.cancelRequests.size < REMEMBER_CANCEL_MAX) break;
        this.cancelRequests.delete(id);
      }
    }
    this.cancelRequests.set(jobId, { at: now, timestamp });
  }

  /** @internal `TaskContextHost`: a report of the body (JSON only: anything else is dropped and reported). */
  taskProgress(entry: Running, value: unknown): void {
    try {
      assertJson(value, "progress");
    } catch (error) {
      this.onError(error);
      return;
    }
    const job = entry.job;
    (entry.throttle ??= new ProgressThrottle(this.progressIntervalMs, (v) => job.updateProgress(v as object))).push(value);
  }

  private async process(job: Job, token: string | undefined): Promise<unknown> {
    const jobId = job.id!;
    const name = job.name;
    const malformed = malformedJobs.get(job);
    if (malformed !== undefined) return this.fail(job, malformed, true); // its data or options are not JSON
    const tasks = this.tasks;
    const task = tasks !== undefined && Object.hasOwn(tasks, name) ? tasks[name] : undefined;
    if (tasks !== undefined && typeof task !== "function") {
      const known = Object.keys(tasks).filter((key) => typeof tasks[key] === "function");
      return this.fail(
        job,
        new TypeError(`Unknown task ${JSON.stringify(name)}: queue "${this.queueName}" serves ${known.join(", ")}`),
        true,
      );
    }
    const remembered = this.cancelRequests.get(jobId);
    if (remembered !== undefined) {
      this.cancelRequests.delete(jobId);
      if (isSameJob(job, remembered.timestamp)) throw new UnrecoverableError(`${CANCELED_MARKER}Canceled before it started.`);
    }
    const entry: Running = { job, ctx: undefined, op: undefined, throttle: undefined, reason: undefined, abandon: undefined, abandoned: false };
    this.running.set(jobId, entry);
    try {
      let ok = false;
      let value: unknown;
      if (this.pool === undefined) {
        // The body gets the remote-side context (the same `ctx` shape as in-process and in a worker thread).
        const ctx = new RemoteTaskContext<Running>(this, entry);
        entry.ctx = ctx;
        try {
          value = await this.body(entry, task!(job.data, ctx));
          ok = true;
        } catch (error) {
          value = error;
        } finally {
          ctx.end();
        }
      } else {
        const op = this.pool.run(name, job.data, {
          description: `${this.queueName} job ${jobId} (${name})`,
        }) as unknown as AsyncOperationWithProgress<unknown, unknown>;
        entry.op = op;
        op.progress = (_op, progress) => this.taskProgress(entry, progress);
        try {
          value = await this.body(entry, op);
          ok = true;
        } catch (error) {
          value = error;
        }
        // Canceled: wait until the body has unwound (its finally blocks ran, or its thread was terminated).
        if (entry.reason !== undefined && !entry.abandoned) await op[asyncDisposeSymbol]();
      }
      if (entry.abandoned) throw value; // the connections are closed: the job stalls and moves on
      if (entry.reason === "close" && !ok) {
        // Shutting down and the body gave up: the job goes back to the queue, not counted as an attempt, for another
        // consumer. (A body that returned a result anyway completes its job below: its work is not done twice.)
        entry.throttle?.close();
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (entry.reason === "cancel" || (!ok && isCanceledError(value))) {
        entry.throttle?.close();
        const message = !ok && value instanceof Error ? value.message : "The operation was canceled.";
        throw new UnrecoverableError(`${CANCELED_MARKER}${message}`);
      }
      // The last value reported before the body ended reaches Redis before the job ends.
      if (entry.throttle !== undefined) await entry.throttle.flush();
      if (!ok) return await this.fail(job, value, false);
      if (value !== undefined) {
        try {
          assertJson(value, `The result of task "${name}"`);
        } catch (error) {
          return await this.fail(job, error, true);
        }
      }
      return value;
    } finally {
      entry.throttle?.close();
      this.running.delete(jobId);
    }
  }

  /** What the body gives, unless `close` abandons it first (then `process` throws and the job stalls). */
  private body(entry: Running, result: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      entry.abandon = reject;
      Promise.resolve(result).then(resolve, reject);
    });
  }

  /** Writes the error's envelope to the job's log, then throws what BullMQ stores as `failedReason`. */
  private async fail(job: Job, error: unknown, unrecoverable: boolean): Promise<never> {
    const reason = error instanceof Error ? error.message : `A task threw a non-Error value: ${describe(error)}`;
    try {
      await job.log(errorLogRow(error, reason));
    } catch (logError) {
      this.onError(logError);
    }
    throw unrecoverable ? new UnrecoverableError(reason) : new Error(reason);
  }
}

/** The announced cancel names `job` (same id, and the same creation time when the announcement carries one). */
function isSameJob(job: Job, timestamp: number | undefined): boolean {
  return timestamp === undefined || job.timestamp === timestamp;
}

function checkListener(event: unknown, listener: unknown, method: string): void {
  if (typeof event !== "string" || !SERVER_EVENTS.has(event)) {
    throw new TypeError(`JobServer.${method} expects one of ${[...SERVER_EVENTS].join(", ")}, got ${describe(event)}`);
  }
  if (typeof listener !== "function") {
    throw new TypeError(`JobServer.${method} expects a listener function, got ${describe(listener)}`);
  }
}

function checkNumber(value: unknown, name: string, min: number): void {
  if (typeof value !== "number" || Number.isNaN(value) || value < min) {
    throw new TypeError(`serve options.${name} must be a number >= ${min}, got ${describe(value)}`);
  }
}
