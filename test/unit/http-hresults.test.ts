// DESIGN 4.6: the HTTP refusals map to HRESULTs added to HResult: 403 E_ACCESSDENIED (0x80070005) and 404
// ERROR_NOT_FOUND (0x80070490), as signed 32-bit integers like every other constant, and hresultOf reads them.
import { describe, expect, it } from "vitest";
import { AsyncError, HResult, hresultOf } from "../../src/index.js";

describe("HResult for HTTP refusals", () => {
  it("E_ACCESSDENIED is 0x80070005 and ERROR_NOT_FOUND is 0x80070490, signed", () => {
    expect(HResult.E_ACCESSDENIED).toBe(0x80070005 | 0);
    expect(HResult.E_ACCESSDENIED).toBe(-2147024891);
    expect(HResult.ERROR_NOT_FOUND).toBe(0x80070490 | 0);
    expect(HResult.ERROR_NOT_FOUND).toBe(-2147023728);
    expect(Object.isFrozen(HResult)).toBe(true);
  });

  it("hresultOf reads them from an AsyncError", () => {
    expect(hresultOf(new AsyncError("refused", { hresult: HResult.E_ACCESSDENIED }))).toBe(HResult.E_ACCESSDENIED);
    expect(hresultOf(new AsyncError("missing", { hresult: HResult.ERROR_NOT_FOUND }))).toBe(HResult.ERROR_NOT_FOUND);
  });
});
