import type { ConnectionOptions, Queue } from "bullmq";
import { redisOf } from "./redis-client.js";
import { settlesWithin } from "./settles-within.js";
import { EventStreamReader, type StreamEntries } from "./event-stream-reader.js";
import { compareIds } from "./stream-ids.js";
import { failedOutcome, type FailedOutcome } from "./job-outcome.js";
import type { JobWatch } from "./job-watch.js";

/** What the dispatcher asks of its owner for jobs whose cancel is still under way. */
export interface CancelFollowUp {
  /** The job went (back) to waiting or delayed: try removing it again. */
  requeued(jobId: string): void;
  /** The job became active: announce the cancel again (the consumer that took it may have missed it). */
  activated(jobId: string): void;
}

/**
 * One events subscription per client (an `EventStreamReader` on the queue's events stream), dispatching by job id
 * from a `Map` (no `waitUntilFinished`: it adds listeners per job and misses removals). It starts reading the
 * events stream at the entry that was last when the client became ready, so no event of a job added afterwards is
 * missed. It re-reads the state of every watched job after a reconnect, and when entries the client had not read
 * yet were trimmed from the stream (seen on every read, and checked every `resyncIntervalMs` while jobs are
 * watched), so no operation waits forever for an event it missed. An event it cannot read (a field that is not
 * JSON, a malformed row) is reported through `onError` and skipped; a bad end event re-reads that job's state.
 */
/** How an ended job ended (see `readEnd`). */
export type JobEnd =
  | { readonly failedReason: string }
  | { readonly completed: true; readonly value: unknown }
  | { readonly completed: false; readonly error: unknown };

/** What `parse` gives for a field that is not JSON. */
const BAD: unique symbol = Symbol("bad event field");

export class JobEvents implements StreamEntries {
  readonly ready: Promise<void>;
  private readonly watches = new Map<string, JobWatch>();
  private reader: EventStreamReader | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private checking = false;

  constructor(
    private readonly queue: Queue,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string | undefined,
    private readonly resyncIntervalMs: number,
    private readonly followUp: CancelFollowUp,
    private readonly onError: (error: unknown) => void,
  ) {
    this.ready = this.start();
  }

  get size(): number {
    return this.watches.size;
  }

  add(watch: JobWatch): void {
    const head = this.watches.get(watch.jobId);
    if (head !== undefined) {
      watch.next = head;
    }
    this.watches.set(watch.jobId, watch);
    if (this.timer === undefined && !this.closed && this.resyncIntervalMs > 0) {
      this.timer = setInterval(() => void this.checkTrimmed(), this.resyncIntervalMs);
      // The watch itself keeps nothing alive: a producer that forgets an operation may exit.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  /** Takes one watch out (its job was never added, or cannot be read). */
  remove(watch: JobWatch): void {
    let head = this.watches.get(watch.jobId);
    if (head === watch) head = watch.next;
    else for (let w = head; w; w = w.next) if (w.next === watch) w.next = watch.next;
    if (head === undefined) this.watches.delete(watch.jobId);
    else this.watches.set(watch.jobId, head);
    if (this.watches.size === 0) this.stopTimer();
  }

  /** Every watch of `jobId`, taken out of the map. */
  private take(jobId: string): JobWatch | undefined {
    const head = this.watches.get(jobId);
    if (head !== undefined) {
      this.watches.delete(jobId);
      if (this.watches.size === 0) this.stopTimer();
    }
    return head;
  }

  /** Every watch, taken out (for `close`). */
  takeAll(): JobWatch[] {
    const all: JobWatch[] = [];
    for (const head of this.watches.values()) for (let w: JobWatch | undefined = head; w; w = w.next) all.push(w);
    this.watches.clear();
    this.stopTimer();
    return all;
  }

  has(jobId: string): boolean {
    return this.watches.has(jobId);
  }

  completed(jobId: string, value: unknown): void {
    for (let w = this.take(jobId); w; w = w.next) w.completed(value);
  }

  removed(jobId: string): void {
    for (let w = this.take(jobId); w; w = w.next) w.removed();
  }

  async failed(jobId: string, failedReason: string): Promise<void> {
    const head = this.take(jobId);
    if (head === undefined) return;
    const outcome: FailedOutcome = await failedOutcome(failedReason, async () =>
      (await this.queue.getJobLogs(jobId, 0, -1)).logs,
    );
    for (let w: JobWatch | undefined = head; w; w = w.next) w.failed(outcome);
  }

  /**
   * Stops reading events; `force`: Redis cannot be reached, do not wait for it. The wait for the first connection
   * lasts at most `timeoutMs`. Never rejects.
   */
  async close(force: boolean, timeoutMs: number): Promise<void> {
    this.closed = true;
    this.stopTimer();
    if (!force) await settlesWithin(this.ready, timeoutMs);
    this.reader?.close();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async start(): Promise<void> {
    const client = await redisOf(this.queue);
    const events = this.queue.keys["events"]!;
    const last = await client.xrevrange(events, "+", "-", "COUNT", 1);
    if (this.closed) return;
    // BullMQ's QueueEvents client name, so the connection reads as the queue's events reader in CLIENT LIST.
    const name = `${this.prefix ?? "bull"}:${Buffer.from(this.queue.name).toString("base64")}:qe`;
    const reader = new EventStreamReader(this.connection, events, name, last[0]?.[0] ?? "0-0", this, this.onError);
    this.reader = reader;
    await reader.ready;
  }

  /** @internal `StreamEntries`: one event, dispatched to the watches of its job. */
  entry(id: string, fields: Readonly<Record<string, string>>): void {
    const jobId = fields["jobId"];
    if (jobId === undefined) return; // queue-wide events (drained, ...): nothing to dispatch
    switch (fields["event"]) {
      case "completed": {
        if (!this.watches.has(jobId)) return;
        const value = this.parse(id, fields, "returnvalue");
        if (value === BAD) void this.resyncOne(jobId); // the job's own state decides
        else this.completed(jobId, value);
        return;
      }
      case "failed":
        void this.failed(jobId, fields["failedReason"] ?? "");
        return;
      case "removed":
        this.removed(jobId);
        return;
      case "progress": {
        const head = this.watches.get(jobId);
        if (head === undefined) return;
        const data = this.parse(id, fields, "data");
        if (data === BAD) return; // skipped: a later report carries the latest progress anyway
        for (let w: JobWatch | undefined = head; w; w = w.next) w.progress(data);
        return;
      }
      case "waiting":
      case "delayed":
        if (this.watches.get(jobId)?.canceled === true) this.followUp.requeued(jobId);
        return;
      case "active":
        if (this.watches.get(jobId)?.canceled === true) this.followUp.activated(jobId);
        return;
      case "duplicated":
        // An add whose id already existed: BullMQ kept the old job and sends no other event for the add, so the
        // operation reads that job's state (it may have ended long ago) and follows it from there.
        if (this.watches.has(jobId)) void this.resyncOne(jobId);
        return;
      default:
        return;
    }
  }

  /** @internal `StreamEntries`: events were trimmed before this client read them. */
  gap(): void {
    void this.resync();
  }

  /** @internal `StreamEntries`: the events connection is back (events may have been trimmed meanwhile). */
  reconnected(): void {
    if (!this.closed) void this.resync();
  }

  /** A JSON field of an event, or `BAD` (reported) when it is not JSON. */
  private parse(id: string, fields: Readonly<Record<string, string>>, field: string): unknown {
    const text = fields[field];
    try {
      if (text === undefined) throw new SyntaxError("the field is missing");
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.onError(
        new TypeError(`Skipped event ${id} (${fields["event"]}) of job ${fields["jobId"]}: its ${field} is not JSON.`, { cause: error }),
      );
      return BAD;
    }
  }

  /** Re-reads every watched job's state and settles those that ended. Never rejects. */
  async resync(): Promise<void> {
    const ids = [...this.watches.keys()];
    await Promise.all(ids.map((jobId) => this.resyncOne(jobId)));
  }

  /**
   * How an ended job ended, read from its raw fields (`returnvalue`, `failedReason`): BullMQ's `getJob` parses every
   * field, so one field another producer left unparseable (its progress, its data) would hide the end. `undefined`
   * for a job that has not ended; "gone" for one that does not exist (any more). A `returnvalue` that is not JSON
   * ends the operation in error with a `TypeError` saying so.
   */
  async readEnd(jobId: string, state: string): Promise<JobEnd | "gone" | undefined> {
    if (state === "unknown") return "gone";
    if (state !== "completed" && state !== "failed") return undefined;
    const client = await redisOf(this.queue);
    const [returnvalue = null, failedReason = null] = await client.hmget(this.queue.toKey(jobId), "returnvalue", "failedReason");
    if (state === "failed") return failedReason === null ? "gone" : { failedReason };
    if (returnvalue === null) return "gone";
    try {
      return { completed: true, value: JSON.parse(returnvalue) as unknown };
    } catch (error) {
      return { completed: false, error: new TypeError(`The result of job ${jobId} is not JSON.`, { cause: error }) };
    }
  }

  /** Settles the watches of `jobId` with the end `readEnd` found. */
  async settle(jobId: string, end: JobEnd): Promise<void> {
    if ("failedReason" in end) await this.failed(jobId, end.failedReason);
    else if (end.completed) this.completed(jobId, end.value);
    else for (let w = this.take(jobId); w; w = w.next) w.fail(end.error);
  }

  /** Re-reads one watched job's state (see `resync`). Never rejects. */
  resyncJob(jobId: string): Promise<void> {
    return this.resyncOne(jobId);
  }

  private async resyncOne(jobId: string): Promise<void> {
    try {
      // The state first: a finished job's fields are final, while a snapshot read before it finished is stale.
      const state = await this.queue.getJobState(jobId);
      const end = await this.readEnd(jobId, state);
      if (!this.watches.has(jobId)) return;
      if (end === "gone") this.removed(jobId);
      else if (end !== undefined) await this.settle(jobId, end);
      else if (this.watches.get(jobId)?.canceled === true) {
        if (state === "active") this.followUp.activated(jobId);
        else this.followUp.requeued(jobId);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * Resyncs when entries the client had not read were trimmed: when the oldest entry left in the stream is newer
   * than the last entry the client had read when the check was sent (taken before sending, so a read loop that has
   * meanwhile stepped over the gap does not hide it). A client that keeps up with the stream never trips it, however
   * busy the queue. Checks never overlap.
   */
  private async checkTrimmed(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    const since = this.reader?.lastId ?? "0-0";
    try {
      const client = await redisOf(this.queue);
      const first = await client.xrange(this.queue.keys["events"]!, "-", "+", "COUNT", 1);
      const firstId = first[0]?.[0];
      if (firstId !== undefined && compareIds(firstId, since) > 0) await this.resync();
    } catch (error) {
      this.onError(error);
    } finally {
      this.checking = false;
    }
  }
}
