import type { Redis as RedisClient } from "ioredis";
import { Redis } from "./peer-modules.js";
import { compareIds } from "./stream-ids.js";

/** What the reader hands its owner. None of these may throw (the reader reports what they throw and goes on). */
export interface StreamEntries {
  /** One entry of the stream, in order: its id and its fields. */
  entry(id: string, fields: Readonly<Record<string, string>>): void;
  /** Entries after the last one read were trimmed before they could be read: some events are lost. */
  gap(): void;
  /** The connection came back after it was lost (entries may have been trimmed meanwhile). */
  reconnected(): void;
}

/** How long one blocking read waits at Redis (as BullMQ's QueueEvents). */
const BLOCK_MS = 10_000;
/** The pause after a read that failed with Redis up (a refused command), so a persistent error does not spin. */
const RETRY_MS = 1000;

/**
 * Reads a Redis stream (a queue's events) from `startId` on, on its own blocking connection, entry by entry. It
 * replaces BullMQ's `QueueEvents`, which parses fields inside its read loop (one event whose data is not JSON
 * ends that loop, and every later event of the client is lost) and cannot tell its reader that entries were trimmed
 * before it read them. Here each read is followed, in the same pipeline, by `XINFO STREAM`: when the stream's
 * `max-deleted-entry-id` is past the last entry read before that read, entries were trimmed unread and `gap()`
 * is called (on every read, however fast the reader catches up). `ready` resolves once the connection is ready and
 * rejects if it ends before. The connection carries BullMQ's QueueEvents client name (`<prefix>:<base64 name>:qe`).
 */
export class EventStreamReader {
  readonly ready: Promise<void>;
  /** The id of the last entry read. */
  lastId: string;
  private readonly client: RedisClient;
  private closed = false;
  private interrupted = false;
  private retry: ReturnType<typeof setTimeout> | undefined = undefined;
  private wake: (() => void) | undefined = undefined;

  constructor(
    connection: unknown,
    private readonly key: string,
    connectionName: string,
    startId: string,
    private readonly owner: StreamEntries,
    private readonly onError: (error: unknown) => void,
  ) {
    this.lastId = startId;
    // A read in flight when the connection drops must fail (and be sent again by the loop from `lastId`), not be
    // re-sent by ioredis behind the loop's back.
    const overrides = { connectionName, maxRetriesPerRequest: null, autoResendUnfulfilledCommands: false };
    this.client =
      connection instanceof Redis ? connection.duplicate(overrides) : new Redis({ ...(connection as object), ...overrides });
    this.client.on("error", onError);
    this.client.on("close", () => {
      this.interrupted = true;
    });
    this.client.on("ready", () => {
      if (!this.interrupted || this.closed) return;
      this.interrupted = false;
      this.owner.reconnected();
    });
    this.ready = new Promise<void>((resolve, reject) => {
      if (this.client.status === "ready") resolve();
      this.client.once("ready", () => resolve());
      this.client.once("end", () => reject(new Error("The events connection ended before it was ready.")));
    });
    this.ready.then(
      () => void this.loop(),
      () => undefined,
    );
  }

  /** Stops reading and closes the connection at once (a blocking read would hold a polite QUIT back). */
  close(): void {
    this.closed = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.wake?.();
    this.client.disconnect();
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      const before = this.lastId;
      let replies: [Error | null, unknown][] | null;
      try {
        replies = await this.client
          .pipeline()
          .xread("BLOCK", BLOCK_MS, "STREAMS", this.key, before)
          .xrange(this.key, "-", "+", "COUNT", 1)
          .exec();
      } catch (error) {
        if (this.closed) return;
        this.onError(error); // the connection dropped: the next read waits in ioredis' queue until it is back
        continue;
      }
      if (this.closed) return;
      const [read, oldest] = replies ?? [];
      if (read?.[0] !== null) {
        this.onError(read?.[0] ?? new Error("The events read gave no reply."));
        if (this.client.status === "ready") await this.pause();
        continue;
      }
      const streams = read[1] as [string, [string, string[]][]][] | null;
      for (const [id, flat] of streams?.[0]?.[1] ?? []) {
        this.lastId = id;
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
        try {
          this.owner.entry(id, fields);
        } catch (error) {
          this.onError(error);
        }
      }
      const oldestId = oldest?.[0] === null ? (oldest[1] as [string, string[]][])[0]?.[0] : undefined;
      if (oldestId !== undefined && compareIds(oldestId, before) > 0) {
        try {
          this.owner.gap();
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.retry = setTimeout(resolve, RETRY_MS);
    }).then(() => {
      this.retry = this.wake = undefined;
    });
  }
}
