// One operation as the edge holds it: the operation, the latest progress (conflated: one value, never a backlog),
// the terminal event once it ended, a counter for event ids, and the streams watching it. A stream is pull-based:
// it makes its next event only when the bridge asks for more bytes, from this state, so a stalled reader costs the
// server one progress value and the terminal event whatever the body reports meanwhile.
import { AsyncStatus } from "../status.js";
import { AsyncError } from "../errors.js";
import { HResult } from "../hresult.js";
import { encodeError, type ErrorEnvelope } from "../remote/error-envelope.js";
import { EVENT, HEARTBEAT, statusName, type OperationEventName } from "./protocol.js";
import type { EdgeOperation } from "./runner.js";

const encoder = new TextEncoder();

/** What an entry asks of the handler that owns it. */
export interface EntryOwner {
  readonly exposeStack: boolean;
  /** The entry's watcher count went to zero (or it was made unwatched): start its orphan clock. */
  unwatched(entry: OperationEntry): void;
  /** A watcher joined: stop its orphan clock. */
  watched(entry: OperationEntry): void;
  /** The operation ended. */
  ended(entry: OperationEntry): void;
  /** A stream started or stopped waiting for news (heartbeats go to waiting streams). */
  waiting(watcher: Watcher, waiting: boolean): void;
}

/** One open event stream of an entry. */
export interface Watcher {
  readonly entry: OperationEntry;
  /** The id of the last event this stream sent (or the `Last-Event-ID` it resumed from). */
  last: number;
  startedSent: boolean;
  /** Set while the stream waits for news; calling it resumes the stream. */
  wake: (() => void) | null;
  heartbeat: boolean;
  closed: boolean;
}

export class OperationEntry {
  readonly id: string;
  op: EdgeOperation | undefined = undefined;
  /** The last event id given out; `started` is 1. */
  counter = 1;
  hasProgress = false;
  progress: unknown = undefined;
  /** The progress as JSON (made on first need, once per value); undefined until then or when JSON cannot carry it. */
  progressJson: string | undefined = undefined;
  progressId = 0;
  /** The terminal event's name and data, once the operation ended. */
  terminalName: OperationEventName | undefined = undefined;
  terminalData = "";
  terminalId = 0;
  watchers: Watcher[] = [];
  orphanTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the outcome was recorded (for retention). */
  endedAt = 0;
  readonly owner: EntryOwner;

  constructor(id: string, owner: EntryOwner) {
    this.id = id;
    this.owner = owner;
  }

  /** Records a progress value (the latest wins) and wakes the streams. */
  readonly progressed = (value: unknown): void => {
    if (this.terminalName !== undefined) return;
    this.hasProgress = true;
    this.progress = value;
    this.progressJson = undefined;
    this.progressId = ++this.counter;
    this.notify();
  };

  /** Follows `op` to its end. */
  follow(op: EdgeOperation): void {
    this.op = op;
    if (op.status !== AsyncStatus.started) {
      this.end();
      return;
    }
    op.completed = () => this.end();
  }

  /** The operation's status name. */
  get status(): string {
    if (this.terminalName !== undefined) return this.terminalName === EVENT.error ? "error" : this.terminalName;
    return statusName(this.op?.status ?? AsyncStatus.started);
  }

  /** Reads the outcome into the terminal event (once). */
  private end(): void {
    if (this.terminalName !== undefined) return;
    const op = this.op!;
    const status = op.status;
    if (status === AsyncStatus.completed) {
      const json = safeJson(op.getResults());
      if (json === undefined) {
        this.terminalName = EVENT.error;
        this.terminalData = JSON.stringify(
          this.envelope(new AsyncError("The task's result cannot be sent as JSON.", { hresult: HResult.E_FAIL })),
        );
      } else {
        this.terminalName = EVENT.completed;
        this.terminalData = json;
      }
    } else if (status === AsyncStatus.error) {
      let thrown: unknown;
      try {
        op.getResults();
      } catch (error) {
        thrown = error; // the thrown value itself (a non-Error too), as awaiters see it
      }
      this.terminalName = EVENT.error;
      this.terminalData = JSON.stringify(this.envelope(thrown));
    } else {
      this.terminalName = EVENT.canceled;
      this.terminalData = "null";
    }
    this.terminalId = ++this.counter;
    this.endedAt = Date.now();
    // What late watchers need is now text: the operation and the progress value are let go (an ended entry may be
    // retained for minutes, by the thousand).
    this.progressText();
    this.progress = undefined;
    this.op = undefined;
    try {
      op.close();
    } catch {
      // closed already
    }
    this.notify();
    this.owner.ended(this);
  }

  /** The envelope of `thrown`, stacks removed unless the owner exposes them. */
  envelope(thrown: unknown): ErrorEnvelope {
    const envelope = encodeError(thrown);
    return this.owner.exposeStack ? envelope : withoutStacks(envelope);
  }

  /** The progress as JSON, or undefined when there is none JSON can carry. */
  progressText(): string | undefined {
    if (!this.hasProgress) return undefined;
    return (this.progressJson ??= safeJson(this.progress));
  }

  /** Wakes every waiting stream. */
  notify(): void {
    for (const watcher of this.watchers) {
      const wake = watcher.wake;
      if (wake !== null) {
        watcher.wake = null;
        wake();
      }
    }
  }

  /** A JSON snapshot `{ id, status, progress?, result? | error? }`. */
  snapshot(): string {
    let text = `{"id":${JSON.stringify(this.id)},"status":"${this.status}"`;
    const progress = this.progressText();
    if (progress !== undefined) text += `,"progress":${progress}`;
    if (this.terminalName === EVENT.completed) text += `,"result":${this.terminalData}`;
    else if (this.terminalName === EVENT.error) text += `,"error":${this.terminalData}`;
    return text + "}";
  }

  /**
   * Opens an event stream. `lastEventId` (from `Last-Event-ID`) resumes: `started` is not sent again, the current
   * progress is sent (again, if the reader had it) and the terminal event when the operation ended.
   */
  stream(lastEventId: number | undefined): ReadableStream<Uint8Array> {
    const watcher: Watcher = {
      entry: this,
      last: lastEventId ?? 0,
      startedSent: lastEventId !== undefined,
      wake: null,
      heartbeat: false,
      closed: false,
    };
    if (lastEventId !== undefined) {
      // A resumed stream always gets the current progress and the terminal event: the reader's id may come from
      // another instance (or from before a restart), which numbered its events its own way, so an id says nothing
      // about which value the reader holds. They are renumbered above that id (ids only grow), so this stream's
      // ids stay above the one it resumed from; another stream of this instance may see the same value once more.
      if (lastEventId > this.counter) this.counter = lastEventId;
      if (this.hasProgress && this.progressId <= lastEventId) this.progressId = ++this.counter;
      if (this.terminalName !== undefined && this.terminalId <= Math.max(lastEventId, this.progressId)) {
        this.terminalId = ++this.counter;
      }
    }
    this.watchers.push(watcher);
    if (this.watchers.length === 1) this.owner.watched(this);
    const detach = (): void => {
      if (watcher.closed) return;
      watcher.closed = true;
      const wake = watcher.wake;
      watcher.wake = null;
      this.owner.waiting(watcher, false);
      const index = this.watchers.indexOf(watcher);
      if (index >= 0) this.watchers.splice(index, 1);
      if (this.watchers.length === 0) this.owner.unwatched(this);
      wake?.();
    };
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          for (;;) {
            if (watcher.closed) {
              // Ended by the handler's close(): finish the response.
              try {
                controller.close();
              } catch {
                // already canceled by the reader
              }
              return;
            }
            let text = this.next(watcher);
            if (text !== undefined) {
              // Everything there is now goes in one chunk (started, the latest progress and the terminal event at
              // most: never a backlog), so one write carries it.
              for (let more = this.next(watcher); more !== undefined; more = this.next(watcher)) text += more;
              controller.enqueue(encoder.encode(text));
              if (watcher.last === this.terminalId && this.terminalName !== undefined) {
                detach();
                controller.close();
              }
              return;
            }
            if (watcher.heartbeat) {
              watcher.heartbeat = false;
              controller.enqueue(encoder.encode(HEARTBEAT));
              return;
            }
            await new Promise<void>((resolve) => {
              watcher.wake = resolve;
              this.owner.waiting(watcher, true);
            });
            this.owner.waiting(watcher, false);
          }
        },
        cancel: () => detach(),
      },
      { highWaterMark: 0 },
    );
  }

  /** The next event for `watcher`, or undefined when it has everything there is now. */
  private next(watcher: Watcher): string | undefined {
    if (!watcher.startedSent) {
      watcher.startedSent = true;
      watcher.last = 1;
      return `id: 1\nevent: ${EVENT.started}\ndata: {"id":${JSON.stringify(this.id)}}\n\n`;
    }
    if (this.progressId > watcher.last) {
      const text = this.progressText();
      // A terminal event already recorded keeps its place after this progress (its id is higher).
      watcher.last = this.progressId;
      if (text !== undefined) return `id: ${this.progressId}\nevent: ${EVENT.progress}\ndata: ${text}\n\n`;
    }
    if (this.terminalName !== undefined && watcher.last < this.terminalId) {
      watcher.last = this.terminalId;
      return `id: ${this.terminalId}\nevent: ${this.terminalName}\ndata: ${this.terminalData}\n\n`;
    }
    return undefined;
  }

  /** Ends every stream (the handler closes). */
  closeStreams(): void {
    for (const watcher of [...this.watchers]) {
      watcher.closed = true;
      const wake = watcher.wake;
      watcher.wake = null;
      wake?.();
    }
    this.watchers = [];
  }
}

/** `JSON.stringify(value)` (`null` for undefined), or undefined when JSON cannot carry it (a bigint, a cycle, ...). */
export function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return undefined;
  }
}

/** A copy of `envelope` without `stack`, in its causes and inner errors too. */
export function withoutStacks(envelope: ErrorEnvelope): ErrorEnvelope {
  const copy: { -readonly [K in keyof ErrorEnvelope]: ErrorEnvelope[K] } = { ...envelope };
  const { cause, errors } = envelope;
  delete copy.stack;
  if (cause !== undefined) copy.cause = withoutStacks(cause);
  if (errors !== undefined) copy.errors = errors.map(withoutStacks);
  return copy;
}
