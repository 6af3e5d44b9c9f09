// Case 20: a custom failure code (0x83760003) and message survive to await, errorCode and getResults.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, hresultOf } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED = 0x83760003 | 0;

const failures: ReadonlyArray<{ label: string; make(): Error }> = [
  { label: "an AsyncError with a custom hresult", make: () => new AsyncError("async", { hresult: E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED }) },
  {
    label: "an AsyncError given the unsigned code",
    make: () => new AsyncError("async", { hresult: 0x83760003 }),
  },
  {
    // The shape a WinRT projection's WinRTError has: the code in `number`, often unsigned.
    label: "an Error with a numeric number property (WinRTError)",
    make: () => Object.assign(new Error("async"), { number: 0x83760003 }),
  },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(failures)("$label", ({ make }) => {
    it("keeps code and message through await, errorCode and getResults", async () => {
      const failure = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw failure;
      });
      const awaited = rejection(op);
      g.open();
      const reason = await awaited;

      expect(reason).toBe(failure);
      expect(hresultOf(reason)).toBe(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED);
      expect((reason as Error).message).toBe("async");

      expect(op.status).toBe(AsyncStatus.error);
      expect(op.errorCode).toBe(failure);
      expect(hresultOf(op.errorCode)).toBe(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED);
      expect(op.errorCode!.message).toBe("async");

      const thrown = caught(() => op.getResults());
      expect(hresultOf(thrown)).toBe(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED);
      expect((thrown as Error).message).toBe("async");
    });
  });
});
