/**
 * Waits for `promise` at most `ms`: resolves true when it settled in time (fulfilled or rejected: the caller reports
 * a rejection through its own path), false when the time ran out first. Leaves no timer behind. For the waits that
 * depend on Redis answering (closing connections, a body's end), so that `close()` always has a bound.
 */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}
