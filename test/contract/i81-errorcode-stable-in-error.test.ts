// Case 81: in error, errorCode gives the same failure (same object, code and message) on every read, before and after other consumers looked.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const failures: ReadonlyArray<{ label: string; make(): unknown; code: number; message: string | undefined }> = [
  {
    label: "an AsyncError",
    make: () => new AsyncError("Async", { hresult: HResult.E_INVALIDARG }),
    code: HResult.E_INVALIDARG,
    message: "Async",
  },
  { label: "a plain Error", make: () => new Error("Async"), code: HResult.E_FAIL, message: "Async" },
  { label: "a non-Error value", make: () => "Async", code: HResult.E_FAIL, message: undefined },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(failures)("$label", ({ make, code, message }) => {
    it("the same errorCode on every read, with its code and message", async () => {
      const failure = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw failure;
      });
      const awaited = rejection(op);
      g.open();
      await awaited;
      expect(op.status).toBe(AsyncStatus.error);

      const first = op.errorCode;
      expect(first).not.toBeNull();
      if (failure instanceof Error) expect(first).toBe(failure);
      expect(hresultOf(first)).toBe(code);
      if (message !== undefined) expect(first!.message).toBe(message);

      caught(() => op.getResults());
      await rejection(op);
      for (let i = 0; i < 3; i++) {
        expect(op.errorCode).toBe(first);
        expect(hresultOf(op.errorCode)).toBe(code);
      }
    });
  });
});
