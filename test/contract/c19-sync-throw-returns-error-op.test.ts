// Case 19: a body that fails before its first suspension does not make run throw; the op comes back in error with errorCode the failure.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("a synchronous throw: run returns an op already in error", async () => {
    const failure = new AsyncError("Async", { hresult: HResult.E_INVALIDARG });
    let op: AnyOp | undefined;
    expect(() => {
      op = kind.run(() => {
        throw failure;
      });
    }).not.toThrow();
    expect(op).toBeInstanceOf(kind.ctor);
    expect(op!.status).toBe(AsyncStatus.error);
    expect(op!.errorCode).toBe(failure);
    expect(hresultOf(op!.errorCode)).toBe(HResult.E_INVALIDARG);
    expect(caught(() => op!.getResults())).toBe(failure);
    expect(await rejection(op!)).toBe(failure);
  });

  it("an async body that throws before its first await: run returns, and the op ends in error", async () => {
    const failure = new AsyncError("Async", { hresult: HResult.E_INVALIDARG });
    let op: AnyOp | undefined;
    const body = async (): Promise<never> => {
      throw failure;
    };
    expect(() => {
      op = kind.run(body);
    }).not.toThrow();
    const reason = rejection(op!);
    await microtasks();
    expect(op!.status).toBe(AsyncStatus.error);
    expect(op!.errorCode).toBe(failure);
    expect(await reason).toBe(failure);
  });
});
