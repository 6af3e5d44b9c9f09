// Case 23: a failure with E_FAIL surfaces through await and toPromise as a rejection whose HRESULT is E_FAIL; status is error.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf, toPromise } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { rejection } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const failures: ReadonlyArray<{ label: string; make(): unknown }> = [
  { label: "an AsyncError with the default code", make: () => new AsyncError("failed") },
  { label: "an AsyncError with E_FAIL given", make: () => new AsyncError("failed", { hresult: HResult.E_FAIL }) },
  { label: "a plain Error", make: () => new Error("failed") },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(failures)("$label", ({ make }) => {
    it("await and toPromise reject with E_FAIL", async () => {
      const failure = make();
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw failure;
      });
      const viaAwait = rejection(op);
      const viaToPromise = rejection(toPromise(op as never));
      g.open();
      const reason = await viaAwait;
      expect(reason).toBe(failure);
      expect(hresultOf(reason)).toBe(HResult.E_FAIL);
      const converted = await viaToPromise;
      expect(converted).toBe(failure);
      expect(hresultOf(converted)).toBe(HResult.E_FAIL);
      expect(op.status).toBe(AsyncStatus.error);
      expect(hresultOf(op.errorCode)).toBe(HResult.E_FAIL);
    });
  });
});
