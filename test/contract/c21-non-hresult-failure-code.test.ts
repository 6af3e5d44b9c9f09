// Case 21 (DESIGN 2.4 #11): a failure without an HRESULT maps to E_FAIL; a plain Error is kept as errorCode, a non-Error value is wrapped in an AsyncError (E_FAIL, cause = the value).
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const nonErrors: ReadonlyArray<{ label: string; make(): unknown }> = [
  { label: "a string", make: () => "boom" },
  { label: "a number", make: () => 42 },
  { label: "a plain object", make: () => ({ reason: "boom" }) },
  { label: "null", make: () => null },
  { label: "undefined", make: () => undefined },
];

describe.each(kinds)("$name", (kind) => {
  it('a plain Error("boom"): errorCode is that Error, its code E_FAIL, getResults rethrows it', async () => {
    const failure = new Error("boom");
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw failure;
    });
    const awaited = rejection(op);
    g.open();
    expect(await awaited).toBe(failure);
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(failure);
    expect(hresultOf(op.errorCode)).toBe(HResult.E_FAIL);
    const thrown = caught(() => op.getResults());
    expect(thrown).toBe(failure);
    expect((thrown as Error).message).toBe("boom");
  });

  describe.each(nonErrors)("thrown $label", ({ make }) => {
    it("errorCode is an AsyncError with E_FAIL whose cause is the value, the same object on every read", async () => {
      const value = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw value;
      });
      const awaited = rejection(op);
      g.open();
      await awaited;
      expect(op.status).toBe(AsyncStatus.error);
      const code = op.errorCode;
      expect(code).toBeInstanceOf(AsyncError);
      expect((code as AsyncError).hresult).toBe(HResult.E_FAIL);
      expect(hresultOf(code)).toBe(HResult.E_FAIL);
      expect(code).toHaveProperty("cause");
      expect((code as AsyncError).cause).toBe(value);
      expect(op.errorCode).toBe(code);
      expect(caught(() => op.getResults())).toBe(value);
    });

    it("a synchronous throw maps the same way", () => {
      const value = make();
      const op = kind.run(() => {
        throw value;
      });
      expect(op.status).toBe(AsyncStatus.error);
      expect(op.errorCode).toBeInstanceOf(AsyncError);
      expect((op.errorCode as AsyncError).hresult).toBe(HResult.E_FAIL);
      expect((op.errorCode as AsyncError).cause).toBe(value);
    });
  });
});
