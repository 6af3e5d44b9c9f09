// Case 98: a promise → fromPromise → toPromise round trip keeps the value, the error (by identity and code) and cancellation.
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  AsyncStatus,
  CanceledError,
  HResult,
  hresultOf,
  isCanceledError,
  toPromise,
} from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { asWinRT } from "../helpers/foreign.js";

// The case names A and O (C#'s AsAsyncAction/AsAsyncOperation); fromPromise exists on all four kinds, so all run.
describe.each(kinds)("$name", (kind) => {
  async function roundTrip(promise: Promise<number>, signal?: AbortSignal): Promise<{ status: AsyncStatus; result: PromiseSettledResult<unknown> }> {
    const op = kind.fromPromise(promise, signal === undefined ? undefined : { signal });
    const converted = toPromise(asWinRT(op));
    const [result] = await Promise.allSettled([converted]);
    return { status: op.status, result: result! };
  }

  it("keeps a value (50)", async () => {
    const { status, result } = await roundTrip(Promise.resolve(50));
    expect(status).toBe(AsyncStatus.completed);
    expect(result).toEqual({ status: "fulfilled", value: kind.expected(50) });
  });

  it("keeps a failure by identity, with its E_FAIL code", async () => {
    const error = new AsyncError("faulted", { hresult: HResult.E_FAIL });
    const { status, result } = await roundTrip(Promise.reject(error));
    expect(status).toBe(AsyncStatus.error);
    expect(result.status).toBe("rejected");
    const reason = (result as PromiseRejectedResult).reason as unknown;
    expect(reason).toBe(error);
    expect(hresultOf(reason)).toBe(HResult.E_FAIL);
  });

  it("keeps a failure that is not an Error, by identity", async () => {
    const value = { code: 7 };
    const { status, result } = await roundTrip(Promise.reject(value));
    expect(status).toBe(AsyncStatus.error);
    expect((result as PromiseRejectedResult).reason).toBe(value);
  });

  it("keeps a CanceledError rejection as cancellation, by identity", async () => {
    const canceled = new CanceledError();
    const { status, result } = await roundTrip(Promise.reject(canceled));
    expect(status).toBe(AsyncStatus.canceled);
    expect((result as PromiseRejectedResult).reason).toBe(canceled);
  });

  it("keeps a token cancellation (a promise rejected with the signal's AbortError) as cancellation", async () => {
    const controller = new AbortController();
    controller.abort();
    const { status, result } = await roundTrip(Promise.reject(controller.signal.reason as Error));
    expect(status).toBe(AsyncStatus.canceled);
    const reason = (result as PromiseRejectedResult).reason as unknown;
    expect(reason).toBeInstanceOf(CanceledError);
    expect(hresultOf(reason)).toBe(HResult.ERROR_CANCELLED);
    expect(isCanceledError(reason)).toBe(true);
  });

  it("keeps a cancellation made through the signal passed to fromPromise, with the reason as cause", async () => {
    const controller = new AbortController();
    const reasonGiven = new Error("user pressed stop");
    let resolveWork!: (value: number) => void;
    const work = new Promise<number>((resolve) => (resolveWork = resolve));
    const op = kind.fromPromise(work, { signal: controller.signal });
    const converted = toPromise(asWinRT(op));
    controller.abort(reasonGiven);
    resolveWork(50);
    const reason: unknown = await converted.catch((caught: unknown) => caught);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).cause).toBe(reasonGiven);
  });
});
