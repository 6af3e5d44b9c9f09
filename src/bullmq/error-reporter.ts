/**
 * The `onError` of a `JobClient` or a `serve`: the caller's function when it gave one; otherwise the first error is
 * printed once on the console (naming the side and the queue) and later ones are dropped, so an unreachable Redis
 * is never silent (DESIGN 4.7 #11) yet a reconnect loop does not flood stderr (4.7 #9). It also remembers the last
 * error, which becomes the `cause` of the `DisconnectedError` of what gave up waiting for Redis. Never throws.
 */
export class ErrorReporter {
  /** The last error reported (a connection error, most of the time). */
  last: unknown = undefined;
  private printed = false;

  constructor(
    private readonly what: string,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {}

  readonly report = (error: unknown): void => {
    this.last = error;
    if (this.onError !== undefined) {
      try {
        this.onError(error);
      } catch {
        // A throwing onError must not break the connection handling that called it.
      }
      return;
    }
    if (this.printed) return;
    this.printed = true;
    console.error(
      `winrt-async/bullmq: ${this.what}: ${String(error instanceof Error ? error.message : error)} ` +
        `(printed once; pass options.onError to receive every error)`,
    );
  };
}
