import type { Redis as RedisClient } from "ioredis";
import { Redis } from "./peer-modules.js";
import { settlesWithin } from "./settles-within.js";

/**
 * The Redis pub/sub channel on which clients announce the cancel of an active job to every `serve` of the queue
 * (BullMQ's own `worker.cancelJob` reaches only the `Worker` object holding the job: taskforcesh/bullmq #3768).
 * Pub/sub spans the whole server while queues live in one database, so the name carries the database number too:
 * `<prefix>:<queue>:winrt-async:cancel:<db>` (an ACL user needs pub/sub permission on it).
 */
export function cancelChannel(prefix: string, queueName: string, db: number): string {
  return `${prefix}:${queueName}:winrt-async:cancel:${db}`;
}

/** The database number an ioredis client selects (0 unless its options say otherwise). */
export function databaseOf(client: { readonly options: { readonly db?: number | undefined } }): number {
  return client.options.db ?? 0;
}

/** The message announcing the cancel of job `jobId` created at `timestamp` (BullMQ's `job.timestamp`). */
export function cancelMessage(jobId: string, timestamp: number): string {
  return JSON.stringify({ jobId, timestamp });
}

/** Reads an announcement: the job id and its creation time (`undefined` for a bare id, as older clients sent). */
function readCancelMessage(message: string): { jobId: string; timestamp: number | undefined } {
  if (message.startsWith("{")) {
    try {
      const parsed = JSON.parse(message) as { jobId?: unknown; timestamp?: unknown };
      if (typeof parsed.jobId === "string" && typeof parsed.timestamp === "number") {
        return { jobId: parsed.jobId, timestamp: parsed.timestamp };
      }
    } catch {
      // not ours: a bare id that happens to start with "{"
    }
  }
  return { jobId: message, timestamp: undefined };
}

/**
 * A subscriber connection on the cancel channel: calls `onCancel(jobId, timestamp)` for every announcement. `ready`
 * resolves once the subscription is active (a `serve` takes no job before that, so no announcement for a job it
 * holds can be missed). `connection` is what BullMQ accepts: ioredis options or an ioredis client to duplicate.
 */
export class CancelListener {
  readonly ready: Promise<void>;
  private readonly client: RedisClient;

  constructor(
    connection: unknown,
    channelOf: (db: number) => string,
    onCancel: (jobId: string, timestamp: number | undefined) => void,
    onError: (error: unknown) => void,
  ) {
    this.client =
      connection instanceof Redis
        ? connection.duplicate()
        : new Redis({ ...(connection as object), maxRetriesPerRequest: null, lazyConnect: false });
    this.client.on("error", onError);
    const channel = channelOf(databaseOf(this.client));
    this.client.on("message", (received: string, message: string) => {
      if (received !== channel) return;
      const { jobId, timestamp } = readCancelMessage(message);
      onCancel(jobId, timestamp);
    });
    this.ready = this.client.subscribe(channel).then(() => undefined);
  }

  /**
   * Closes the connection: politely when Redis answers within `timeoutMs`, at once when it cannot be reached or
   * does not answer in time. Never rejects.
   */
  async close(timeoutMs: number): Promise<void> {
    if (this.client.status !== "ready") {
      this.client.disconnect();
      return;
    }
    await settlesWithin(this.client.quit(), timeoutMs);
    this.client.disconnect(); // nothing more after a quit that went through; a quit that did not ends here
  }

  /** Closes the connection at once. Never throws. */
  disconnect(): void {
    this.client.disconnect();
  }
}
