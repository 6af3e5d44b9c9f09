import type { ConnectionOptions, Queue, QueueEvents as QueueEventsType } from "bullmq";
import { redisOf } from "./redis-client.js";
import { settlesWithin } from "./settles-within.js";
import { QueueEvents } from "./peer-modules.js";
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
 * One `QueueEvents` subscription per client, dispatching by job id from a `Map` (no `waitUntilFinished`: it
 * adds listeners per job and misses removals). It starts reading the events stream at the entry that was last
 * when the client became ready, so no event of a job added afterwards is missed. It re-reads the state of every
 * watched job after a reconnect, and when entries the client had not read yet were trimmed from the stream
 * (checked every `resyncIntervalMs` while jobs are watched), so no operation waits forever for an event it missed.
 */
export class JobEvents {
  readonly ready: Promise<void>;
  private readonly watches = new Map<string, JobWatch>();
  private events: QueueEventsType | undefined;
  private lastSeenId = "0-0";
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private interrupted = false;
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
   * Stops reading events; `force`: Redis cannot be reached, do not wait for it. Each wait lasts at most `timeoutMs`
   * (then the connection is closed at once). Never rejects.
   */
  async close(force: boolean, timeoutMs: number): Promise<void> {
    this.closed = true;
    this.stopTimer();
    if (!force) await settlesWithin(this.ready, timeoutMs);
    const events = this.events;
    if (events === undefined) return;
    // With Redis out of reach, QueueEvents' close never resolves (its disconnect waits for the server), though it
    // does stop the reconnect attempts at once: start it and do not wait.
    const closing = events.close().catch(this.onError);
    if (force || !(await settlesWithin(closing, timeoutMs))) void events.disconnect().catch(() => undefined);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async start(): Promise<void> {
    const client = await redisOf(this.queue);
    const last = await client.xrevrange(this.queue.keys["events"]!, "+", "-", "COUNT", 1);
    if (this.closed) return;
    this.lastSeenId = last[0]?.[0] ?? "0-0";
    const options = {
      connection: this.connection,
      lastEventId: this.lastSeenId,
      ...(this.prefix === undefined ? {} : { prefix: this.prefix }),
    };
    const events = new QueueEvents(this.queue.name, options);
    this.events = events;
    const seen = (id: string): void => {
      this.lastSeenId = id;
    };
    events.on("error", (error) => this.onError(error));
    events.on("completed", ({ jobId, returnvalue }, id) => {
      seen(id);
      this.completed(jobId, returnvalue);
    });
    events.on("failed", ({ jobId, failedReason }, id) => {
      seen(id);
      void this.failed(jobId, failedReason);
    });
    events.on("removed", ({ jobId }, id) => {
      seen(id);
      this.removed(jobId);
    });
    // An add whose id already existed: BullMQ kept the old job and sends no other event for the add, so the
    // operation reads that job's state (it may have ended long ago) and follows it from there.
    events.on("duplicated", ({ jobId }, id) => {
      seen(id);
      if (this.watches.has(jobId)) void this.resyncOne(jobId);
    });
    events.on("progress", ({ jobId, data }, id) => {
      seen(id);
      for (let w = this.watches.get(jobId); w; w = w.next) w.progress(data);
    });
    const requeued = ({ jobId }: { jobId: string }, id: string): void => {
      seen(id);
      if (this.watches.get(jobId)?.canceled === true) this.followUp.requeued(jobId);
    };
    events.on("waiting", requeued);
    events.on("delayed", requeued);
    events.on("active", ({ jobId }, id) => {
      seen(id);
      if (this.watches.get(jobId)?.canceled === true) this.followUp.activated(jobId);
    });
    // After a lost connection, QueueEvents reads on from its last entry, but entries trimmed meanwhile are lost
    // and a job may have ended in the gap: re-read every watched job once the connection is back.
    const backend = events.getBackend();
    backend.on("close", () => {
      this.interrupted = true;
    });
    backend.on("ready", () => {
      if (!this.interrupted || this.closed) return;
      this.interrupted = false;
      void this.resync();
    });
    await events.waitUntilReady();
  }

  /** Re-reads every watched job's state and settles those that ended. Never rejects. */
  async resync(): Promise<void> {
    const ids = [...this.watches.keys()];
    await Promise.all(ids.map((jobId) => this.resyncOne(jobId)));
  }

  /** Re-reads one watched job's state (see `resync`). Never rejects. */
  resyncJob(jobId: string): Promise<void> {
    return this.resyncOne(jobId);
  }

  private async resyncOne(jobId: string): Promise<void> {
    try {
      // The state first: a finished job's fields are final, while a snapshot read before it finished is stale.
      const state = await this.queue.getJobState(jobId);
      const job = state === "unknown" ? undefined : await this.queue.getJob(jobId);
      if (!this.watches.has(jobId)) return;
      if (job === undefined) {
        this.removed(jobId);
        return;
      }
      if (state === "completed") this.completed(jobId, job.returnvalue);
      else if (state === "failed") await this.failed(jobId, job.failedReason);
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
    const since = this.lastSeenId;
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

/** Orders two stream ids ("ms-seq"). */
export function compareIds(a: string, b: string): number {
  const [am = "0", as = "0"] = a.split("-");
  const [bm = "0", bs = "0"] = b.split("-");
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms > 0n ? 1 : -1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq > 0n ? 1 : -1;
}
