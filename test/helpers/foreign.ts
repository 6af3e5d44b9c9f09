// A FOREIGN WinRT-shaped object: a plain object (not one of our classes) that behaves the way an object a
// native binding hands to JavaScript does: `completed` assignable once (a second assignment throws
// IllegalDelegateAssignmentError), the raw setter calls the handler synchronously when already terminal,
// getResults/errorCode say E_ILLEGAL_METHOD_CALL for a canceled object (C++/WinRT `async_cancel_use_status`).
import {
  AsyncStatus,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";
import type { AnyOp } from "./kinds.js";

/** One of our operations seen through the widest WinRT interface, so every toPromise overload accepts it. */
export function asWinRT(op: AnyOp): IAsyncOperationWithProgress<unknown, number> {
  return op as unknown as IAsyncOperationWithProgress<unknown, number>;
}

type Handler = (asyncInfo: never, status: AsyncStatus) => void;
type ProgressHandler = (asyncInfo: never, progress: number) => void;

export interface ForeignOptions {
  /** Give the object a `progress` property (the progress kinds). Default false. */
  readonly withProgress?: boolean;
  /** The status it starts in. Default started. */
  readonly status?: AsyncStatus;
  /** The result getResults() returns once completed. */
  readonly result?: unknown;
  /** The error getResults() throws (and errorCode returns) in error. */
  readonly error?: unknown;
  /** A `completed` setter that throws this value instead of storing the handler. */
  readonly setterThrows?: unknown;
}

export interface Foreign {
  /** The foreign object itself, typed as the widest WinRT interface so every toPromise overload accepts it. */
  readonly op: IAsyncOperationWithProgress<number, number>;
  /** How many times `completed` / `progress` were assigned, getResults() and cancel() were called. */
  readonly counts: { completed: number; progress: number; getResults: number; cancel: number };
  /** Ends the object (if started) and calls its completed handler synchronously, as native code would. */
  finish(status: AsyncStatus, value?: unknown): void;
  /** Calls the progress handler, if one is assigned, with (op, value). */
  report(value: number): void;
}

let nextForeignId = 1_000_000;

export function foreign(options: ForeignOptions = {}): Foreign {
  let status: AsyncStatus = options.status ?? AsyncStatus.started;
  let result: unknown = options.result;
  let error: unknown = options.error;
  let completed: Handler | null = null;
  let assigned = false;
  let progress: ProgressHandler | null = null;
  const counts = { completed: 0, progress: 0, getResults: 0, cancel: 0 };
  const id = nextForeignId++;

  const object: Record<string, unknown> = {
    get id() {
      return id;
    },
    get status() {
      return status;
    },
    get errorCode() {
      if (status === AsyncStatus.error) return error;
      if (status === AsyncStatus.canceled) return new IllegalMethodCallError();
      return null;
    },
    get completed() {
      return completed;
    },
    set completed(handler: Handler | null) {
      counts.completed++;
      if ("setterThrows" in options) throw options.setterThrows;
      if (assigned) throw new IllegalDelegateAssignmentError();
      assigned = true;
      completed = handler;
      if (status !== AsyncStatus.started) handler?.(object as never, status);
    },
    getResults() {
      counts.getResults++;
      if (status === AsyncStatus.completed) return result;
      if (status === AsyncStatus.error) throw error;
      throw new IllegalMethodCallError();
    },
    cancel() {
      counts.cancel++;
      if (status === AsyncStatus.started) finish(AsyncStatus.canceled);
    },
    close() {
      /* nothing held */
    },
  };
  if (options.withProgress === true) {
    Object.defineProperty(object, "progress", {
      enumerable: true,
      get: () => progress,
      set: (handler: ProgressHandler | null) => {
        counts.progress++;
        progress = handler;
      },
    });
  }

  function finish(to: AsyncStatus, value?: unknown): void {
    if (status !== AsyncStatus.started) return;
    status = to;
    if (to === AsyncStatus.completed) result = value;
    if (to === AsyncStatus.error) error = value;
    const handler = completed;
    handler?.(object as never, to);
  }

  return {
    op: object as unknown as IAsyncOperationWithProgress<number, number>,
    counts,
    finish,
    report(value: number) {
      progress?.(object as never, value);
    },
  };
}
