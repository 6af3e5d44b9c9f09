/// <reference types="node" />
// The only file of the package that imports from Node. The reference above gives this compilation Node's types;
// TypeScript does not copy it into the emitted declarations, which mention nothing from Node.
import { channel } from "node:diagnostics_channel";
import { AsyncStatus } from "../status.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";
import type { AsyncCore } from "../core/async-core.js";
import { diagnostics, type DiagnosticsHook } from "../core/diagnostics-hook.js";
import { channelNames, type OperationSettleMessage, type OperationStartMessage } from "./channels.js";
import type { AnyOperation, OperationKind } from "./operation-kind.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

/** A snapshot of one running operation, as `liveOperations()` returns it. Frozen. */
export interface OperationSnapshot {
  readonly id: number;
  readonly kind: OperationKind;
  readonly description: string | undefined;
  readonly status: AsyncStatus;
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

class Engine implements DiagnosticsEngine {
  /** How many `trackOperations()` disposables are not yet disposed. */
  private trackers = 0;
  /** The running operations created while tracking, by id (creation order), weakly held. */
  private readonly running = new Map<number, WeakRef<Core>>();
  /** When `running` reaches this size, entries whose operation was collected are swept (amortized). */
  private sweepAt = MIN_SWEEP;
  /** Creation times (from `performance.now()`) of the operations created while tracking. */
  private createdAt = new WeakMap<Core, number>();
  /** Operations whose start message is due (see `created`). */
  private pendingStarts: Core[] = [];
  private flushQueued = false;
  private readonly startChannel = channel(channelNames.start);
  private readonly settleChannel = channel(channelNames.settle);
  private readonly flush = (): void => this.flushStarts();

  created(op: Core): void {
    if (this.trackers > 0) this.register(op);
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
    if (this.trackers > 0) this.running.delete(op._id);
    if (this.pendingStarts.length > 0) this.flushStarts();
    if (!this.settleChannel.hasSubscribers) return;
    const message: OperationSettleMessage = {
      operation: op as unknown as AnyOperation,
      id: op._id,
      kind: kindOf(op),
      description: descriptionOf(op),
      status,
      ...(status === AsyncStatus.error ? { error: value } : {}),
    };
    this.settleChannel.publish(Object.freeze(message));
  }

  ageOf(op: Core): number | undefined {
    const created = this.createdAt.get(op);
    return created === undefined ? undefined : performance.now() - created;
  }

  track(): Disposable {
    this.trackers++;
    let disposed = false;
    return {
      [disposeSymbol]: (): void => {
        if (disposed) return;
        disposed = true;
        if (--this.trackers > 0) return;
        this.running.clear();
        this.createdAt = new WeakMap();
        this.sweepAt = MIN_SWEEP;
      },
    };
  }

  live(): OperationSnapshot[] {
    const now = performance.now();
    const snapshots: OperationSnapshot[] = [];
    for (const [id, ref] of this.running) {
      const op = ref.deref();
      if (op === undefined || (op._state & STATUS_MASK) !== AsyncStatus.started) {
        this.running.delete(id);
        continue;
      }
      snapshots.push(
        Object.freeze({
          id,
          kind: kindOf(op),
          description: descriptionOf(op),
          status: AsyncStatus.started,
          ageMs: now - (this.createdAt.get(op) ?? now),
        }),
      );
    }
    return snapshots;
  }

  private register(op: Core): void {
    this.createdAt.set(op, performance.now());
    this.running.set(op._id, new WeakRef(op));
    if (this.running.size < this.sweepAt) return;
    // Operations that settle leave at once; only abandoned ones (never settled, no longer referenced) linger
    // here as empty references. Sweeping when the map doubles keeps it within twice the running ones.
    for (const [id, ref] of this.running) if (ref.deref() === undefined) this.running.delete(id);
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
      this.startChannel.publish(Object.freeze(message));
    }
  }
}

/**
 * The engine of this realm: installed in the core's hook slot when this module is first evaluated, or the one
 * another copy of the package (the ESM or the CommonJS build) installed before, so both report to one registry.
 */
export const engine: DiagnosticsEngine = (diagnostics.hook ??= new Engine()) as DiagnosticsEngine;
