/// <reference types="node" />
// With subscribe-operations.ts, the only files of the package that import from Node. The reference above gives this
// compilation Node's types; TypeScript does not copy it into the emitted declarations, which mention nothing from Node.
import { channel } from "node:diagnostics_channel";
import { setImmediate } from "node:timers";
import { AsyncStatus } from "../status.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";
import type { AsyncCore } from "../core/async-core.js";
import { diagnostics, type DiagnosticsHook } from "../core/diagnostics-hook.js";
import { channelNames, type OperationSettleMessage, type OperationStartMessage } from "./channels.js";
import { type AsyncStatusName, statusNameOf } from "./status-name.js";
import type { AnyOperation, OperationKind } from "./operation-kind.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

/** A snapshot of one running operation, as `liveOperations()` returns it. Frozen. */
export interface OperationSnapshot {
  /** The operation's `id`. */
  readonly id: number;
  /** The operation's class, as its `Symbol.toStringTag` names it. */
  readonly kind: OperationKind;
  /** The `description` given to its producer, if any. */
  readonly description: string | undefined;
  /** Its status when the snapshot was taken: `started`, as `liveOperations()` lists running operations only. */
  readonly status: AsyncStatus;
  /** The same status by name, as `util.inspect(op)` prints it: `"started"`. */
  readonly statusName: AsyncStatusName;
  /** Milliseconds since the operation was created. */
  readonly ageMs: number;
}

/** What the hook slot holds once diagnostics are loaded: the hook plus the state behind the public functions. */
export interface DiagnosticsEngine extends DiagnosticsHook {
  track(): Disposable;
  live(): OperationSnapshot[];
}

const STATUS_MASK = 3;
const MIN_SWEEP = 1024;

const kindOf = (op: Core): OperationKind => (op as unknown as { [Symbol.toStringTag]: OperationKind })[Symbol.toStringTag];
// Internal reads: a closed operation's public getters throw, and diagnostics never throw.
const descriptionOf = (op: Core): string | undefined => op._x?.rare?.description;

const snapshot = (op: Core, ageMs: number): OperationSnapshot =>
  Object.freeze({
    id: op._id,
    kind: kindOf(op),
    description: descriptionOf(op),
    status: AsyncStatus.started,
    statusName: "started",
    ageMs,
  });

interface Entry {
  readonly ref: WeakRef<Core>;
  readonly createdAt: number;
}

class Engine implements DiagnosticsEngine {
  /** How many `trackOperations()` disposables are not yet disposed. */
  private trackers = 0;
  /**
   * The running operations created while tracking during the current turn of the event loop, with their creation
   * times (from `performance.now()`). Most operations settle within the turn they were created in; for them the
   * registry costs one entry in this map, added and removed, and no `WeakRef` (which costs V8 about ten times as
   * much, as measured by bench/diagnostics.bench.mjs). Held strongly, but only until the end of the turn.
   */
  private young = new Map<Core, number>();
  /** The older running operations, by id (creation order), weakly held: moved here from `young` after the turn. */
  private readonly running = new Map<number, Entry>();
  /** When `running` reaches this size, entries whose operation was collected are swept (amortized). */
  private sweepAt = MIN_SWEEP;
  private promotionQueued = false;
  /** Operations whose start message is due (see `created`). */
  private pendingStarts: Core[] = [];
  private flushQueued = false;
  private readonly startChannel = channel(channelNames.start);
  private readonly settleChannel = channel(channelNames.settle);
  private readonly flush = (): void => this.flushStarts();
  private readonly promote = (): void => this.promoteYoung();

  created(op: Core): void {
    if (this.trackers > 0) {
      this.young.set(op, performance.now());
      if (!this.promotionQueued) {
        this.promotionQueued = true;
        // After the turn (microtasks included); unref'd, so tracking never keeps a process alive.
        setImmediate(this.promote).unref();
      }
    }
    // The producer records the description right after this call: the message waits for it until the next
    // microtask, or until the operation settles, whichever comes first. Start messages keep creation order.
    if (this.startChannel.hasSubscribers) {
      this.pendingStarts.push(op);
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(this.flush);
      }
    }
  }

  settled(op: Core, status: AsyncStatus, value: unknown): void {
    if (this.trackers > 0 && !this.young.delete(op)) this.running.delete(op._id);
    if (this.pendingStarts.length > 0) this.flushStarts();
    if (!this.settleChannel.hasSubscribers) return;
    const operation = op as unknown as AnyOperation;
    const kind = kindOf(op);
    const description = descriptionOf(op);
    // Plain literals of two fixed shapes, not frozen (the types mark the fields read-only): with a subscriber,
    // frozen messages built by spreading cost about 3x a bare create + await, these about 2.3x (measured with
    // bench/diagnostics.bench.mjs).
    const message: OperationSettleMessage =
      status === AsyncStatus.error
        ? { operation, id: op._id, kind, description, status, statusName: "error", error: value }
        : { operation, id: op._id, kind, description, status, statusName: statusNameOf(status) as "completed" | "canceled" };
    this.settleChannel.publish(message);
  }

  ageOf(op: Core): number | undefined {
    const createdAt = this.young.get(op) ?? this.running.get(op._id)?.createdAt;
    return createdAt === undefined ? undefined : performance.now() - createdAt;
  }

  track(): Disposable {
    this.trackers++;
    let disposed = false;
    return {
      [disposeSymbol]: (): void => {
        if (disposed) return;
        disposed = true;
        if (--this.trackers > 0) return;
        this.young.clear();
        this.running.clear();
        this.sweepAt = MIN_SWEEP;
      },
    };
  }

  live(): OperationSnapshot[] {
    const now = performance.now();
    const snapshots: OperationSnapshot[] = [];
    // `running` holds the operations of earlier turns, `young` those of this one: together, creation order.
    for (const [id, entry] of this.running) {
      const op = entry.ref.deref();
      if (op === undefined || (op._state & STATUS_MASK) !== AsyncStatus.started) this.running.delete(id);
      else snapshots.push(snapshot(op, now - entry.createdAt));
    }
    for (const [op, createdAt] of this.young) snapshots.push(snapshot(op, now - createdAt));
    return snapshots;
  }

  /** Moves the operations still running at the end of a turn from `young` to the weakly held `running`. */
  private promoteYoung(): void {
    this.promotionQueued = false;
    const young = this.young;
    if (young.size === 0) return;
    this.young = new Map();
    for (const [op, createdAt] of young) this.running.set(op._id, { ref: new WeakRef(op), createdAt });
    if (this.running.size < this.sweepAt) return;
    // Operations that settle leave at once; only abandoned ones (never settled, no longer referenced) linger
    // here as empty references. Sweeping when the map doubles keeps it within twice the running ones.
    for (const [id, entry] of this.running) if (entry.ref.deref() === undefined) this.running.delete(id);
    this.sweepAt = Math.max(MIN_SWEEP, 2 * this.running.size);
  }

  private flushStarts(): void {
    this.flushQueued = false;
    const due = this.pendingStarts;
    if (due.length === 0) return;
    this.pendingStarts = [];
    for (const op of due) {
      if (!this.startChannel.hasSubscribers) return;
      const message: OperationStartMessage = {
        operation: op as unknown as AnyOperation,
        id: op._id,
        kind: kindOf(op),
        description: descriptionOf(op),
      };
      this.startChannel.publish(message);
    }
  }
}

/**
 * The engine of this realm: installed in the core's hook slot when this module is first evaluated, or the one
 * another copy of the package (the ESM or the CommonJS build) installed before, so both report to one registry.
 */
export const engine: DiagnosticsEngine = (diagnostics.hook ??= new Engine()) as DiagnosticsEngine;
