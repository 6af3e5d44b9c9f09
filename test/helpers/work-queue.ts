// A hand-cranked queue of work for WinJSPromise tests: sources complete when the test runs a step, so every
// assertion about WinJS's synchronous delivery is made at a known point, with no timers involved.
import { WinJSPromise } from "../../src/winjs/index.js";

interface Item {
  readonly run: () => void;
  readonly token: number;
  canceled: boolean;
}

export class WorkQueue {
  #items: Item[] = [];
  #nextToken = 0;

  /** Queues `run`; returns a token for `cancel`. */
  schedule(run: () => void): number {
    const token = ++this.#nextToken;
    this.#items.push({ run, token, canceled: false });
    return token;
  }

  /** Marks a queued item so that it never runs; true if it was found. */
  cancel(token: number): boolean {
    const item = this.#items.find((candidate) => candidate.token === token);
    if (item === undefined) return false;
    item.canceled = true;
    return true;
  }

  /** Whether the item at `position` was canceled. */
  isCanceled(position: number): boolean {
    return this.#items[position]?.canceled ?? false;
  }

  get length(): number {
    return this.#items.length;
  }

  /** Runs the items queued now (not those they queue). */
  step(): void {
    this.steps(this.#items.length);
  }

  /** Runs the first `count` items queued now. */
  steps(count: number): void {
    const batch = this.#items.splice(0, Math.min(count, this.#items.length));
    for (const item of batch) if (!item.canceled) item.run();
  }

  /** Runs items until none is left. */
  drain(): void {
    while (this.#items.length > 0) this.step();
  }
}

/** A promise that completes with `x + y` when the queue runs one step. */
export function addLater(queue: WorkQueue, x: number, y: number): WinJSPromise<number> {
  return new WinJSPromise<number>((complete) => {
    queue.schedule(() => complete(x + y));
  });
}

/** Like `addLater`, but canceling it unqueues the work and calls `onCancel`. */
export function addLaterCancelable(queue: WorkQueue, x: number, y: number, onCancel?: () => void): WinJSPromise<number> {
  let token = 0;
  return new WinJSPromise<number>(
    (complete) => {
      token = queue.schedule(() => complete(x + y));
    },
    () => {
      queue.cancel(token);
      onCancel?.();
    },
  );
}

/** Reports progress "almost", then "really", one step each, then completes with `x + y` on the third step. */
export function addLaterWithProgress(queue: WorkQueue, x: number, y: number): WinJSPromise<number, string> {
  return new WinJSPromise<number, string>((complete, _error, progress) => {
    queue.schedule(() => {
      progress("almost");
      queue.schedule(() => {
        progress("really");
        queue.schedule(() => complete(x + y));
      });
    });
  });
}

/** Fails with `reason` when the queue runs one step. */
export function failLater(queue: WorkQueue, reason: unknown = "no math today"): WinJSPromise<number> {
  return new WinJSPromise<number>((_complete, error) => {
    queue.schedule(() => error(reason));
  });
}

/** A promise whose completion the test controls, and that knows how often it was canceled. */
export interface Deferred<T> {
  readonly promise: WinJSPromise<T>;
  complete(value: T): void;
  fail(error: unknown): void;
  progress(value: unknown): void;
  readonly cancels: number;
}

export function deferred<T>(onCancel?: () => void): Deferred<T> {
  let complete!: (value: T) => void;
  let fail!: (error: unknown) => void;
  let progress!: (value: unknown) => void;
  let cancels = 0;
  const promise = new WinJSPromise<T>(
    (c, e, p) => {
      complete = c;
      fail = e;
      progress = p;
    },
    () => {
      cancels++;
      onCancel?.();
    },
  );
  return {
    promise,
    complete: (value) => complete(value),
    fail: (error) => fail(error),
    progress: (value) => progress(value),
    get cancels() {
      return cancels;
    },
  };
}

/** True for WinJS's cancellation error: an `Error` whose name and message are "Canceled". */
export function isWinJSCanceled(error: unknown): boolean {
  return error instanceof Error && error.name === "Canceled" && error.message === "Canceled";
}
