/**
 * Throttles progress sends for one job: the first value after a quiet period goes out at once (leading edge),
 * later values inside `intervalMs` are conflated (latest wins) and the latest goes out when the interval ends
 * (trailing edge). `flush()` sends a pending value now and resolves when every send has finished, so the last
 * value reported before completion always reaches Redis before the job completes. `intervalMs` 0 sends every
 * value as it comes. Sends never overlap, so values arrive in report order.
 */
export class ProgressThrottle {
  private pending = false;
  private value: unknown = undefined;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private lastSent = -Infinity;
  private inFlight: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: unknown) => Promise<unknown>,
  ) {}

  push(value: unknown): void {
    if (this.closed) return;
    this.value = value;
    this.pending = true;
    if (this.timer !== undefined) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.emit();
    else this.timer = setTimeout(() => this.emit(), wait);
  }

  /** Sends the pending value (if any) now; resolves when all sends are done. Never rejects. */
  flush(): Promise<void> {
    if (this.pending) this.emit();
    return this.inFlight;
  }

  /** Drops a pending value and stops the timer (the job ended without completing). */
  close(): void {
    this.closed = true;
    this.pending = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private emit(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const value = this.value;
    this.pending = false;
    this.value = undefined;
    this.lastSent = performance.now();
    // Chained so sends never overlap; a failed send (a connection that dropped) loses only that value: the
    // next one carries the latest progress anyway.
    this.inFlight = this.inFlight.then(() => this.send(value)).then(
      () => undefined,
      () => undefined,
    );
  }
}
