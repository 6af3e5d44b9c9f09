import type { AsyncProgressContext } from "../types.js";
import { DisconnectedError } from "../errors.js";
import { jobCanceledError, type FailedOutcome } from "./job-outcome.js";

/**
 * One operation's view of one job: the body of an `AsyncOperationWithProgress.run` whose promise stays pending
 * until the job's end arrives (through `QueueEvents` or a state read). Every way the operation can end goes
 * through `end`, so each watch settles exactly once; after the operation was canceled locally it only lets the
 * body finish (the status stays `canceled`), which is what `[Symbol.asyncDispose]` waits for.
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
    readonly jobId: string,
    private readonly ctx: AsyncProgressContext<unknown>,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  progress(value: unknown): void {
    this.progressSeen = true;
    if (!this.done) this.ctx.report(value);
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
    this.done = true;
    // Canceled locally: the status is already final; just let the body return so that disposal can finish
    // (rejecting would send a late error to the unobserved-error report).
    if (this.canceled || ok) this.resolve(this.canceled ? undefined : value);
    else this.reject(value);
  }
}
