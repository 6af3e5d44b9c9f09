import type { Job, JobJson } from "bullmq";
import type { Redis } from "ioredis";
import { Worker } from "./peer-modules.js";

/**
 * Jobs whose stored data or options are not JSON, with what is wrong: `serve`'s processor fails each of them once,
 * with that `TypeError`, instead of running a task.
 */
export const malformedJobs = new WeakMap<Job, TypeError>();

/**
 * BullMQ's `Worker`, for `serve`: a job whose stored data or options are not JSON (written by another producer, or by
 * hand) still reaches the processor, marked in `malformedJobs`. BullMQ parses both while it takes the job, before
 * any processor runs; a failed parse there left the job active under a lock nobody renews, and said nothing.
 */
export class ServeWorker extends Worker {
  protected override createJob(data: JobJson, jobId: string): Job {
    try {
      return super.createJob(data, jobId);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const job = super.createJob({ ...data, data: "null" }, jobId);
      malformedJobs.set(job, new TypeError(`Job ${jobId} cannot run: its data is not JSON (${error.message}).`));
      return job;
    }
  }

  protected override async moveToActive(token: string, name?: string): Promise<Job> {
    try {
      return await super.moveToActive(token, name);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return (await this.takenWith(token, error)) ?? Promise.reject(error);
    }
  }

  /**
   * The job that BullMQ has just moved to active under `token` but could not parse (its options): found by its
   * lock, which holds the token, and handed on with neutral data and options so that it can be failed normally.
   */
  private async takenWith(token: string, error: SyntaxError): Promise<Job | undefined> {
    const client = (await this.getBackend().client) as unknown as Redis;
    const ids = await client.lrange(this.keys["active"]!, 0, -1);
    if (ids.length === 0) return undefined;
    const locks = await client.mget(ids.map((id) => `${this.toKey(id)}:lock`));
    const at = locks.indexOf(token);
    if (at < 0) return undefined;
    const id = ids[at]!;
    const [name = "", timestamp = null, ats = null, atm = null] = await client.hmget(this.toKey(id), "name", "timestamp", "ats", "atm");
    const json: JobJson = {
      id,
      name: name ?? "",
      data: "null",
      opts: {},
      progress: 0,
      attemptsMade: Number(atm ?? 0),
      attemptsStarted: Number(ats ?? 1),
      timestamp: Number(timestamp ?? 0),
      failedReason: "",
      returnvalue: "",
      stalledCounter: 0,
    };
    const job = await this.nextJobFromJobData(json, id, token);
    malformedJobs.set(job, new TypeError(`Job ${id} cannot run: its options are not JSON (${error.message}).`));
    return job;
  }
}
