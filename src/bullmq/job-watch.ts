import { AsyncStatus } from "../status.js";
import { DisconnectedError } from "../errors.js";
import { endRemote, type RemoteOperation } from "../remote/remote-operation.js";
import { jobCanceledError, type FailedOutcome } from "./job-outcome.js";

/**
 * One operation's view of one job: a `RemoteOperation` (the worker pool's kind, settled through the engine)
 * that the job's end settles, through `QueueEvents` or a state read. Every way the job can end goes through
 * `end`, so each watch settles once; after the operation was canceled locally, the job's end only wakes
 * `[Symbol.asyncDispose]` (the status stays `canceled`).
 */
export class JobWatch {
  /** Another watch of the same job in the same client (attach twice, run + attach): a short chain. */
  next: JobWatch | undefined = undefined;
  /** `op.cancel()` was called: the job is being canceled, the operation already reads `canceled`. */
  canceled = false;
  /** Resolves true once the job exists in Redis (added, or found by `attach`); false if it never will. */
  added: Promise<boolean> = Promise.resolve(false);
  /** A progress value arrived through events (so `attach`'s one-time read must not deliver an older one). */
  progressSeen = false;
  private done = false;

  constructor(
    /** The job followed; changes once when BullMQ's `deduplication` kept another job instead of adding this one. */
    public jobId: string,
    readonly op: RemoteOperation<unknown, unknown>,
  ) {
    // Not null while the job may still run: `[Symbol.asyncDispose]` waits for the job's end (`_bodyEnded`), as it
    // waits for a local body's `finally` blocks.
    op._where = this;
  }

  get ended(): boolean {
    return this.done;
  }

  progress(value: unknown): void {
    this.progressSeen = true;
    if (!this.done && (this.op._state & 3) === AsyncStatus.started) this.op._report(value);
  }

  completed(value: unknown): void {
    this.end(true, value);
  }

  failed(outcome: FailedOutcome): void {
    if (outcome.canceled) this.end(false, jobCanceledError(this.jobId, "canceled"));
    else this.end(false, outcome.error);
  }

  removed(): void {
    this.end(false, jobCanceledError(this.jobId, "removed"));
  }

  /** The client stopped watching (closed): the job goes on, the operation ends `error`. */
  disconnected(message: string): void {
    this.end(false, new DisconnectedError(message));
  }

  /** `add` failed (or the job cannot be read): the operation ends with that error. */
  fail(error: unknown): void {
    this.end(false, error);
  }

  private end(ok: boolean, value: unknown): void {
    if (this.done) return;
    this.done = true; // first: a CanceledError passed to `_fail` calls the owner's remoteCanceled, which reads it
    endRemote(this.op, ok, value);
    this.op._bodyEnded();
  }
}
