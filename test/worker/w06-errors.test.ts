// DESIGN 4.1, errors: our classes rebuilt as our classes, built-in ones as themselves, other names as an
// AsyncError with that name; name, message, the worker's stack, hresult, cause and own data that can be cloned
// cross; a thrown non-Error rejects with the value and errorCode is an AsyncError (E_FAIL) whose cause it is; an
// AbortError or CanceledError thrown by a body ends the operation canceled.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, CanceledError, HResult, TimeoutError, hresultOf } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

async function failure(kind: string): Promise<{ error: unknown; status: number; errorCode: Error | null }> {
  await using pool = fixturePool();
  const op = pool.run("fail", kind);
  const error = await op.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { error, status: op.status, errorCode: op.errorCode };
}

describe("errors thrown in a worker", () => {
  it("built-in classes come back as themselves, with the worker's stack", async () => {
    const { error, status } = await failure("type");
    expect(status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("bad type");
    expect((error as Error).stack).toContain("tasks.mjs");
    expect((await failure("range")).error).toBeInstanceOf(RangeError);
  });

  it("our classes come back as our classes, with hresult and cause", async () => {
    const { error } = await failure("timeout");
    expect(error).toBeInstanceOf(TimeoutError);
    expect(hresultOf(error)).toBe(HResult.ERROR_TIMEOUT);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(((error as Error).cause as Error).message).toBe("inner");
    const coded = (await failure("async-error")).error;
    expect(coded).toBeInstanceOf(AsyncError);
    expect((coded as AsyncError).hresult).toBe(0x80070005 | 0);
  });

  it("other classes come back as an AsyncError with their name, hresult, cause and cloneable own data", async () => {
    const { error } = await failure("custom");
    expect(error).toBeInstanceOf(AsyncError);
    const e = error as AsyncError & { details?: unknown; fn?: unknown };
    expect(e.name).toBe("HrError");
    expect(e.message).toBe("custom failure");
    expect(e.hresult).toBe(HResult.E_INVALIDARG);
    expect(e.details).toEqual({ path: "/x", n: [1, 2] });
    expect("fn" in e).toBe(false);
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it("a thrown non-Error rejects with the value; errorCode is an AsyncError (E_FAIL) whose cause it is", async () => {
    const { error, status, errorCode } = await failure("value");
    expect(status).toBe(AsyncStatus.error);
    expect(error).toEqual({ code: 42, text: "plain object" });
    expect(errorCode).toBeInstanceOf(AsyncError);
    expect((errorCode as AsyncError).hresult).toBe(HResult.E_FAIL);
    expect(errorCode!.cause).toEqual({ code: 42, text: "plain object" });
    expect((await failure("string")).error).toBe("just a string");
  });

  it("a CanceledError or an AbortError thrown by the body ends the operation canceled", async () => {
    const canceled = await failure("canceled");
    expect(canceled.status).toBe(AsyncStatus.canceled);
    expect(canceled.error).toBeInstanceOf(CanceledError);
    const aborted = await failure("abort");
    expect(aborted.status).toBe(AsyncStatus.canceled);
    expect(aborted.error).toBeInstanceOf(CanceledError);
  });

  it("a result that cannot be cloned fails its operation with the clone error; the pool goes on", async () => {
    await using pool = fixturePool();
    const op = pool.run("uncloneable");
    const error = await op.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(op.status).toBe(AsyncStatus.error);
    expect((error as Error).name).toBe("DataCloneError");
    expect(await pool.run("echo", 3)).toBe(3);
  });

  it("an input that cannot be cloned fails its operation; the pool goes on", async () => {
    await using pool = fixturePool();
    const op = pool.run("echo", () => 1);
    await expect(op).rejects.toMatchObject({ name: "DataCloneError" });
    expect(await pool.run("echo", 4)).toBe(4);
  });
});
