// Captures what a call throws or what a promise rejects with, so tests can assert identity (toBe), not just shape.

/** The value `fn` throws; fails the test if it returns normally. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw, but it returned");
}

/** The reason `promise` rejects with; fails the test if it fulfills. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, but the promise fulfilled with ${String(value)}`);
}
