import type { ConnectionOptions, JobsOptions, Queue as QueueType } from "bullmq";
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { remoteOperationMaker, type RemoteOperation, type RemoteOwner } from "../remote/remote-operation.js";
import { AsyncError, DisconnectedError, IllegalMethodCallError } from "../errors.js";
import { HResult } from "../hresult.js";
import { describe } from "../describe.js";
import { readRunOptions } from "../options.js";
import { asyncDisposeSymbol } from "../symbols.js";
import type { RunOptions } from "../types.js";
import type { TaskArguments, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
import { Queue } from "./peer-modules.js";
import { assertJson } from "../remote/json-value.js";
import { JobWatch } from "./job-watch.js";
import { JobEvents } from "./job-events.js";
import { cancelChannel, cancelMessage, databaseOf } from "./cancel-channel.js";
import { redisOf } from "./redis-client.js";
import { ErrorReporter } from "./error-reporter.js";
import { settlesWithin } from "./settles-within.js";

/** Options of `new JobClient(queueName, options)`. */
export interface JobClientOptions {
  /** BullMQ's connection: ioredis options (`{ host, port }`) or an ioredis client (then it is shared, not closed). */
  readonly connection: ConnectionOptions;
  /** BullMQ's key prefix; default BullMQ's (`"bull"`). Must match the `serve` side. */
  readonly prefix?: string | undefined;
  /**
   * BullMQ's `defaultJobOptions` for the client's queue (`attempts`, `backoff`, `removeOnComplete`, ...): every job
   * gets them, and a run's `job` options win over them.
   */
  readonly defaultJobOptions?: JobsOptions | undefined;
  /**
   * How often (ms) the client checks, while it watches jobs, whether events it had not read yet were trimmed from
   * the queue's events stream; when they were, it re-reads the state of every watched job. Default 5000; 0 = never.
   */
  readonly resyncIntervalMs?: number | undefined;
  /**
   * How long (ms) a `run` may wait for its job to be added: while Redis cannot be reached (nothing listening, a
   * password it refuses, a connection lost) the add waits, and past this time the operation ends `error` with
   * `DisconnectedError` (the last connection error as `cause`); if the add still reaches Redis later, that job is
   * canceled. Default 10000.
   */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * How long (ms) `close()` waits for adds and cancels under way, and then for each connection to close politely,
   * before it closes them at once. `close()` resolves within 3 × `closeTimeoutMs` in every case. Default 5000.
   */
  readonly closeTimeoutMs?: number | undefined;
  /**
   * Receives connection and BullMQ errors (ioredis reconnects by itself). Default: the first one is printed once on
   * the console (`console.error`), later ones are dropped.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** Options of `client.run`: `RunOptions` plus BullMQ's job options (`attempts`, `backoff`, `priority`, `delay`, `jobId`, ...). */
export interface JobRunOptions extends RunOptions {
  /** BullMQ job options. `jobId` chooses the job id (a string, not an integer, without `:`); default the client makes one (a random per-client prefix and a counter). */
  readonly job?: JobsOptions | undefined;
}

/** An operation for a BullMQ job: an `AsyncOperationWithProgress` that also carries the job's id. */
export type JobOperation<TResult, TProgress> = AsyncOperationWithProgress<TResult, TProgress> & {
  /** The BullMQ job id (made by the client, or `job.jobId` from the run options). */
  readonly jobId: string;
};

/**
 * The producer side of `winrt-async/bullmq`: runs the tasks a `serve` process exposes, on any machine that
 * shares the Redis, and hands back an operation per job. One BullMQ `Queue` and one events reader per client.
 * Typed from the very `tasks` object that `serve` runs: `new JobClient<typeof tasks>(...)`.
 */
export class JobClient<Tasks> {
  /** The queue's name. */
  readonly queueName: string;
  /**
   * The underlying BullMQ `Queue` (for counts, `pause`/`resume`, `clean`, `getJobs`...). It is the client's: do not
   * close it (use `close()`); jobs added through it directly are not watched by the client (use `attach`).
   */
  readonly queue: QueueType;
  private readonly events: JobEvents;
  /** BullMQ's key prefix (the cancel channel is named after it, the queue and the database). */
  private readonly prefix: string;
  /** Adds, cancels and state reads under way (close waits for them). */
  private pending = 0;
  private drained: (() => void) | undefined = undefined;
  private ready = false;
  /** The queue's connection failed or was lost (and has not come back). */
  private down = false;
  private wentDown: (() => void) | undefined = undefined;
  /** Resolves when `close()` gives up on the first connection: what waits for it stops waiting. */
  private readonly closeStarted: Promise<void>;
  private stopWaiting!: () => void;
  private readonly onError: (error: unknown) => void;
  private readonly reporter: ErrorReporter;
  private readonly connectTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private closing: Promise<void> | undefined = undefined;
  /**
   * Job ids made here: a random prefix per client (12 base-36 characters, about 62 bits) and a counter. Short on purpose: a job id is
   * written into most of the Redis commands of its job; with 36-character UUIDs the Node side of a trivial job
   * spent about a fifth more time, most of it encoding the longer strings (profiled on the benchmark's workload).
   */
  private readonly idPrefix = randomPrefix();
  private nextId = 0;
  /** Makes this client's operations: remote operations whose prototype also has a read-only `jobId`. */
  private readonly make: <R, P>() => RemoteOperation<R, P>;

  /**
   * Connects to the queue `queueName` (connections open in the background; `run` may be called at once).
   * Throws `TypeError` for a `queueName` that is not a non-empty string or malformed `options`.
   */
  constructor(queueName: string, options: JobClientOptions) {
    if (typeof queueName !== "string" || queueName === "") {
      throw new TypeError(`JobClient expects a queue name (a non-empty string), got ${describe(queueName)}`);
    }
    if (typeof options !== "object" || options?.connection === undefined) {
      throw new TypeError(`JobClient expects options with a connection, got ${describe(options)}`);
    }
    const { connection, prefix, defaultJobOptions, resyncIntervalMs = 5000, connectTimeoutMs = 10_000, closeTimeoutMs = 5000, onError } = options;
    if (prefix !== undefined && typeof prefix !== "string") {
      throw new TypeError(`JobClient options.prefix must be a string, got ${describe(prefix)}`);
    }
    if (defaultJobOptions !== undefined && (typeof defaultJobOptions !== "object" || defaultJobOptions === null)) {
      throw new TypeError(`JobClient options.defaultJobOptions must be an object of BullMQ job options, got ${describe(defaultJobOptions)}`);
    }
    if (typeof resyncIntervalMs !== "number" || !(resyncIntervalMs >= 0)) {
      throw new TypeError(`JobClient options.resyncIntervalMs must be a number >= 0, got ${describe(resyncIntervalMs)}`);
    }
    if (typeof connectTimeoutMs !== "number" || !(connectTimeoutMs > 0)) {
      throw new TypeError(`JobClient options.connectTimeoutMs must be a number > 0, got ${describe(connectTimeoutMs)}`);
    }
    if (typeof closeTimeoutMs !== "number" || !(closeTimeoutMs > 0)) {
      throw new TypeError(`JobClient options.closeTimeoutMs must be a number > 0, got ${describe(closeTimeoutMs)}`);
    }
    if (onError !== undefined && typeof onError !== "function") {
      throw new TypeError(`JobClient options.onError must be a function, got ${describe(onError)}`);
    }
    this.queueName = queueName;
    this.closeStarted = new Promise<void>((resolve) => (this.stopWaiting = resolve));
    this.make = jobOperationMaker(this);
    this.reporter = new ErrorReporter(`JobClient of queue "${queueName}"`, onError);
    this.onError = this.reporter.report;
    this.connectTimeoutMs = connectTimeoutMs;
    this.closeTimeoutMs = closeTimeoutMs;
    this.queue = new Queue(queueName, {
      connection,
      ...(prefix === undefined ? {} : { prefix }),
      ...(defaultJobOptions === undefined ? {} : { defaultJobOptions }),
    });
    this.queue.on("error", this.onError);
    const backend = this.queue.getBackend();
    backend.on("error", () => this.connectionDown());
    backend.on("close", () => this.connectionDown());
    backend.on("ready", () => (this.down = false));
    this.prefix = prefix ?? "bull";
    this.events = new JobEvents(
      this.queue,
      connection,
      prefix,
      resyncIntervalMs,
      {
        requeued: (jobId) => this.track(this.cancelJob(jobId)),
        activated: (jobId) => this.track(this.announceCancel(jobId)),
      },
      this.onError,
    );
    // Failures to connect surface through the operations (their `add` fails) and onError.
    this.events.ready.then(() => (this.ready = true), this.onError);
  }

  /**
   * Adds a job running task `name` with `input` and returns its operation at once (hot: `started`, with the job id
   * made here). The operation ends as the job ends: `completed` with the task's result; `error` with the error
   * the task threw, rebuilt (class, `hresult`, `cause`, data); `canceled` when canceled by any client or removed.
   * It stays `started` across BullMQ retries. `cancel()` removes a waiting or delayed job and announces an active
   * one to every `serve`. A failed `add` (no Redis, a duplicate option BullMQ refuses) ends it in `error`.
   * Throws `IllegalMethodCallError` after `close()`, `TypeError` for a name that is not a non-empty string, input
   * that JSON cannot carry unchanged, or malformed options (`RangeError` for a `job.jobId` BullMQ refuses).
   */
  run<N extends TaskName<Tasks>>(
    name: N,
    ...args: TaskArguments<Tasks, N, JobRunOptions>
  ): JobOperation<TaskResult<Tasks, N>, TaskProgress<Tasks, N>> {
    const [input, options] = args as [unknown, JobRunOptions | undefined];
    if (this.closing !== undefined) throw new IllegalMethodCallError("JobClient.run was called after close().");
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`JobClient.run expects a task name (a non-empty string), got ${describe(name)}`);
    }
    if (input !== undefined) assertJson(input, "JobClient.run input");
    const checked = readRunOptions(options, "JobClient.run");
    const jobOptions = readJobOptions(options?.job);
    const jobId = jobOptions?.jobId ?? this.idPrefix + (this.nextId++).toString(36);
    const { op, watch } = this.watch(jobId, checked);
    if (watch === undefined) return op; // an already-aborted signal: the operation starts canceled, no job is added
    watch.added = this.add(watch, name, input === undefined ? null : input, { ...jobOptions, jobId });
    return op;
  }

  /**
   * Adds the job once the client reads events (so none of the job's is missed). Never rejects. An add that has not
   * reached Redis within `connectTimeoutMs` ends the operation with `DisconnectedError`; the add itself cannot be
   * withdrawn from ioredis' offline queue, so if it still succeeds later the job is canceled.
   */
  private async add(watch: JobWatch, name: string, data: unknown, options: JobsOptions): Promise<boolean> {
    this.pending++; // counted here rather than with `track`: one promise less per job
    let gaveUp = false;
    const timer = setTimeout(() => {
      gaveUp = true;
      this.events.remove(watch);
      watch.fail(
        new DisconnectedError(`Job ${watch.jobId} could not be added to queue "${this.queueName}" within ${this.connectTimeoutMs} ms: Redis is out of reach.`, {
          cause: this.reporter.last,
        }),
      );
    }, this.connectTimeoutMs);
    try {
      if (!this.ready) {
        await Promise.race([this.events.ready, this.closeStarted]);
        if (!this.ready) throw new DisconnectedError(`JobClient for queue "${this.queueName}" was closed before it reached Redis.`);
      }
      const job = await this.queue.add(name, data, options);
      // BullMQ's `deduplication` kept another job: follow that one (the operation's `jobId` now names it).
      if (job.id !== undefined && job.id !== watch.jobId && !gaveUp && !watch.ended) {
        this.events.remove(watch);
        watch.jobId = watch.op._key = job.id;
        this.events.add(watch);
        void this.events.resyncJob(job.id);
      }
      if (gaveUp) {
        await this.cancelJob(watch.jobId); // its operation already ended: the job must not run unwatched
        return false;
      }
      return true;
    } catch (error) {
      if (!gaveUp) {
        this.events.remove(watch);
        watch.fail(error);
      }
      return false;
    } finally {
      clearTimeout(timer);
      this.untrack();
    }
  }

  /**
   * An operation for an existing job (added by another process, or before a restart). It reads the job's state
   * once: a finished job gives an operation already ending that way; a running one delivers the current progress
   * once, then follows the job. An id that names no job gives an operation in `error` with an `AsyncError`
   * (`E_INVALIDARG`). Type the result with the task name: `client.attach<"resize">(id)`.
   * Throws `IllegalMethodCallError` after `close()` and `TypeError` for an id that is not a non-empty string.
   */
  attach<N extends TaskName<Tasks> = TaskName<Tasks>>(jobId: string): JobOperation<TaskResult<Tasks, N>, TaskProgress<Tasks, N>> {
    if (this.closing !== undefined) throw new IllegalMethodCallError("JobClient.attach was called after close().");
    if (typeof jobId !== "string" || jobId === "") {
      throw new TypeError(`JobClient.attach expects a job id (a non-empty string), got ${describe(jobId)}`);
    }
    const { op, watch } = this.watch(jobId, undefined);
    const found = this.readAttached(watch!);
    watch!.added = found;
    this.track(found);
    return op as JobOperation<TaskResult<Tasks, N>, TaskProgress<Tasks, N>>;
  }

  /**
   * @internal For `winrt-async/http`, called right after `attach`/`run` returned `op`: resolves true once its job
   * exists in Redis (added, or found by `attach`), false if it never will (an unknown id). Never rejects.
   */
  jobExists(op: object): Promise<boolean> {
    const watch = (op as RemoteOperation<unknown, unknown>)._where as JobWatch | null;
    return watch === null ? Promise.resolve(false) : watch.added;
  }

  /**
   * Stops watching: waits for `add`s and cancels under way, ends every pending operation in `error` with
   * `DisconnectedError` (their jobs go on: attach them again later; cancel first to stop the work), and closes the
   * client's connections. When Redis cannot be reached it does not wait for it (an `add` that had not reached
   * Redis ends its operation with `DisconnectedError` too). Each wait has a bound (`closeTimeoutMs`): it resolves
   * within 3 × `closeTimeoutMs` in every case. Idempotent; never rejects.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Work under way finishes first (an add in flight then exists in Redis, and can be attached later), unless
      // the connection failed: then nothing waits for Redis, so close never hangs on a dead connection.
      const drained = (async () => {
        while (this.pending > 0 && !this.down) {
          await new Promise<void>((resolve) => {
            this.drained = resolve;
            this.wentDown = resolve;
          });
        }
      })();
      await settlesWithin(drained, this.closeTimeoutMs);
      this.drained = this.wentDown = undefined;
      this.stopWaiting(); // what still waits for the first connection gives up (its operation: DisconnectedError)
      for (const watch of this.events.takeAll()) {
        watch.disconnected(`JobClient for queue "${this.queueName}" was closed before job ${watch.jobId} ended.`);
      }
      // A connection whose Redis died after it was ready quits through ioredis' offline queue, which never sends:
      // past the bound it is closed at once.
      await this.events.close(this.down, this.closeTimeoutMs);
      if (!(await settlesWithin(this.queue.close().catch(this.onError), this.closeTimeoutMs))) {
        await settlesWithin(this.queue.disconnect().catch(() => undefined), this.closeTimeoutMs);
      }
    })();
    return this.closing;
  }

  /** `close()`, for `await using`. */
  [asyncDisposeSymbol](): Promise<void> {
    return this.close();
  }

  /**
   * @internal The `RemoteOwner` side (not declared with `implements`: the internal member is stripped from the
   * published types): called inside `op.cancel()` (or a linked signal's abort). Never throws.
   */
  remoteCanceled(op: RemoteOperation<unknown, unknown>): void {
    const watch = op._where as JobWatch | null;
    if (watch === null || watch.ended) return; // the job's own end (canceled marker, removal) canceled it
    watch.canceled = true;
    this.track(watch.added.then((exists) => (exists ? this.cancelJob(watch.jobId) : undefined)));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private watch(jobId: string, options: RunOptions | undefined): { op: JobOperation<any, any>; watch: JobWatch | undefined } {
    const op = this.make<unknown, unknown>() as RemoteOperation<unknown, unknown> & { readonly jobId: string };
    op._key = jobId; // read back by the `jobId` getter
    if (options?.description !== undefined) op._rare().description = options.description;
    // An already-aborted signal: the operation starts canceled and no job is added.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    if (options?.signal !== undefined && !op._link(options.signal)) return { op: op as JobOperation<any, any>, watch: undefined };
    const watch = new JobWatch(jobId, op);
    this.events.add(watch);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { op: op as JobOperation<any, any>, watch };
  }

  private async readAttached(watch: JobWatch): Promise<boolean> {
    try {
      await Promise.race([this.events.ready, this.closeStarted]);
      if (!this.ready) throw new DisconnectedError(`JobClient for queue "${this.queueName}" was closed before it reached Redis.`);
      // The state first: a finished job's fields are final, while a snapshot read before it finished is stale.
      const state = await this.queue.getJobState(watch.jobId);
      const end = await this.events.readEnd(watch.jobId, state);
      if (end === "gone") {
        this.events.remove(watch);
        watch.fail(
          new AsyncError(`No job with id ${watch.jobId} in queue "${this.queueName}" (never added, or removed).`, {
            hresult: HResult.E_INVALIDARG,
          }),
        );
        return false;
      }
      if (end !== undefined) await this.events.settle(watch.jobId, end);
      else {
        // `job.progress` reads 0 for a job that never reported; the raw field tells the two apart.
        const client = await redisOf(this.queue);
        const raw = await client.hget(this.queue.toKey(watch.jobId), "progress");
        if (raw !== null && !watch.progressSeen) {
          let progress: unknown;
          try {
            progress = JSON.parse(raw) as unknown;
          } catch (error) {
            // Not JSON (written by another producer): reported and skipped; the job's later events still count.
            this.onError(new TypeError(`The stored progress of job ${watch.jobId} is not JSON; skipped.`, { cause: error }));
            return true;
          }
          watch.progress(progress);
        }
      }
      return true;
    } catch (error) {
      this.events.remove(watch);
      watch.fail(error);
      return false;
    }
  }

  /**
   * Removes a job that waits (waiting, delayed, prioritized, paused); announces any other to every `serve`.
   * BullMQ's remove refuses only locked (active) jobs, so the state is read first: a job that finished meanwhile
   * must not be removed under the clients that watch it. Never rejects.
   */
  private async cancelJob(jobId: string): Promise<void> {
    try {
      const state = await this.queue.getJobState(jobId);
      if (REMOVABLE.has(state) && (await this.queue.remove(jobId)) === 1) {
        this.events.removed(jobId);
        return;
      }
      if (state === "unknown") this.events.removed(jobId); // gone already: nothing will tell us otherwise
      else if (state !== "completed" && state !== "failed") await this.announceCancel(jobId);
    } catch (error) {
      await this.announceCancel(jobId);
      this.onError(error);
    }
  }

  /**
   * Announces the cancel of `jobId` to every `serve`, with the job's creation time: a serve that does not hold the
   * job remembers the pair, so a later job reusing the id is not canceled. Never rejects.
   */
  private async announceCancel(jobId: string): Promise<void> {
    try {
      const client = await redisOf(this.queue);
      const timestamp = await client.hget(this.queue.toKey(jobId), "timestamp");
      if (timestamp === null) return; // no such job (any more): nothing to cancel
      const channel = cancelChannel(this.prefix, this.queueName, databaseOf(client));
      await client.publish(channel, cancelMessage(jobId, Number(timestamp)));
    } catch (error) {
      this.onError(error);
    }
  }

  private connectionDown(): void {
    this.down = true;
    const wentDown = this.wentDown;
    this.wentDown = undefined;
    wentDown?.();
  }

  /** Counts `promise` (which never rejects) as under way until it settles. */
  private track(promise: Promise<unknown>): void {
    this.pending++;
    void promise.then(this.untrack);
  }

  private readonly untrack = (): void => {
    if (--this.pending === 0 && this.drained !== undefined) {
      const drained = this.drained;
      this.drained = undefined;
      drained();
    }
  }
}

/**
 * A maker of remote operations owned by `client` (the worker's `remoteOperationMaker`, one prototype per owner)
 * whose prototype also carries `jobId`: a getter of the job id kept in `_key`, so every operation has it, read-only,
 * at no cost per operation.
 */
function jobOperationMaker(client: RemoteOwner): <R, P>() => RemoteOperation<R, P> {
  return remoteOperationMaker(client, (proto) => {
    Object.defineProperty(proto, "jobId", {
      get(this: RemoteOperation<unknown, unknown>): string {
        return this._key as string;
      },
      enumerable: true,
      configurable: true,
    });
  });
}

/** 12 random base-36 characters and a dash: never an integer, never a `:` (BullMQ's rules for custom ids). */
function randomPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let prefix = "";
  for (const byte of bytes) prefix += (byte % 36).toString(36);
  return prefix + "-";
}

/** The states in which a job waits for a consumer and can be removed. */
const REMOVABLE = new Set<string>(["waiting", "delayed", "prioritized", "paused", "waiting-children"]);

/** Validates BullMQ job options enough to fail fast on what would otherwise fail the `add` later. */
function readJobOptions(job: JobsOptions | undefined): JobsOptions | undefined {
  if (job === undefined) return undefined;
  if (typeof job !== "object" || job === null) {
    throw new TypeError(`JobClient.run options.job must be an object of BullMQ job options, got ${describe(job)}`);
  }
  const { jobId } = job;
  if (jobId !== undefined) {
    if (typeof jobId !== "string" || jobId === "") {
      throw new TypeError(`JobClient.run options.job.jobId must be a non-empty string, got ${describe(jobId)}`);
    }
    // BullMQ's own checks (Job.addJob), made here so they throw synchronously: an id that reads back as the same
    // integer ("1", "-1") is refused ("007" is not: it reads back as 7), and so is a ":" unless the id has exactly
    // three parts (its legacy repeatable ids).
    if (`${parseInt(jobId, 10)}` === jobId || (jobId.includes(":") && jobId.split(":").length !== 3)) {
      throw new RangeError(
        `JobClient.run options.job.jobId must not be an integer nor contain ":" (BullMQ's rules), got ${describe(jobId)}`,
      );
    }
  }
  return job;
}
