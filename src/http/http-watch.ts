// One operation's view of one server operation, followed over HTTP: its id (once the server made it), the id of
// the last event read (for `Last-Event-ID`), and the one `AbortController` that ends every request and wait of
// it. Every way the operation can end goes through `end`, so it settles once; after a local cancel, what the
// server says only matters to the DELETE (the status stays `canceled`).
import type { EventSourceMessage } from "eventsource-parser";
import { AsyncStatus } from "../status.js";
import { CanceledError, DisconnectedError } from "../errors.js";
import { decodeError } from "../remote/error-envelope.js";
import { endRemote, type RemoteOperation } from "../remote/remote-operation.js";
import { EVENT } from "./protocol.js";

export class HttpWatch {
  /** The server's id of the operation: known at once for `attach`, from the POST's answer for `run`. */
  id: string | undefined;
  /** The `id:` of the last event read: sent as `Last-Event-ID` when the stream is resumed. */
  lastEventId: string | undefined = undefined;
  /** `cancel()` was called (the operation already reads `canceled`); the DELETE is or will be under way. */
  canceled = false;
  /** The DELETE was sent (once per operation; its retries are one loop). */
  deleting = false;
  /** Aborts this watch's requests and waits: on cancel (once the id is known), on close, at the end. */
  readonly abort = new AbortController();
  private done = false;

  constructor(
    readonly op: RemoteOperation<unknown, unknown>,
    id: string | undefined,
  ) {
    this.id = id;
    op._key = id;
    // Not null while the server may still run it: `[Symbol.asyncDispose]` waits for the end (or the DELETE's answer).
    op._where = this;
  }

  /** The outcome is known (a terminal event, a refusal, a disconnection). */
  get ended(): boolean {
    return this.done;
  }

  /** The server told the id (a `Location` header or the `started` event). */
  identified(id: string): void {
    if (this.id !== undefined) return;
    this.id = id;
    this.op._key = id;
  }

  /**
   * One event of the stream; returns true when it was the terminal one. A `progress`, `completed` or `error`
   * whose data is not JSON (or not an envelope) ends the operation in `error` with the `SyntaxError`/`TypeError`
   * that says so: a server that breaks the protocol is never taken for a result.
   */
  event(event: EventSourceMessage): boolean {
    if (event.id !== undefined) this.lastEventId = event.id;
    try {
      switch (event.event) {
        case EVENT.started: {
          const id = (parse(event.data) as { id?: unknown } | null)?.id;
          if (typeof id === "string" && id !== "") this.identified(id);
          return false;
        }
        case EVENT.progress:
          if (!this.done && (this.op._state & 3) === AsyncStatus.started) this.op._report(parse(event.data));
          return false;
        case EVENT.completed:
          this.end(true, parse(event.data));
          return true;
        case EVENT.error:
          this.end(false, decodeError(parse(event.data)));
          return true;
        case EVENT.canceled:
          this.end(false, new CanceledError(`Operation ${this.id ?? "(unknown id)"} was canceled on the server.`));
          return true;
        default:
          return false; // an event this client does not know: a later protocol's addition, skipped
      }
    } catch (error) {
      this.end(false, error);
      return true;
    }
  }

  /** The operation cannot be followed any more: it ends with `error` (a refusal, a disconnection). */
  fail(error: unknown): void {
    this.end(false, error);
  }

  /** The client closed, or the stream could not be resumed: the server's operation goes on, this one ends. */
  disconnected(message: string, cause?: unknown): void {
    this.end(false, cause === undefined ? new DisconnectedError(message) : new DisconnectedError(message, { cause }));
  }

  /** Nothing more will be sent or awaited for this operation (its end, or the DELETE acknowledged). */
  release(): void {
    this.abort.abort();
    this.op._bodyEnded();
  }

  private end(ok: boolean, value: unknown): void {
    if (this.done) return;
    this.done = true; // first: a CanceledError passed to `_fail` calls the owner's remoteCanceled, which reads it
    endRemote(this.op, ok, value);
    if (!this.canceled) this.release(); // a canceled one is released when its DELETE is acknowledged
  }
}

/** An event's data: JSON; an empty data field reads `undefined` (a task that returned nothing). */
function parse(data: string): unknown {
  return data === "" ? undefined : JSON.parse(data);
}
