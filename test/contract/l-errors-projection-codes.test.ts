// DESIGN 4.4: isCanceledError and hresultOf also read a numeric `number` (react-native-winrt's plain error objects,
// WinRTError) or `HRESULT` (NodeRT's errors) property, signed or unsigned.
import { describe, expect, it } from "vitest";
import { HResult, hresultOf, isCanceledError } from "../../src/index.js";

describe("projection error shapes", () => {
  it("react-native-winrt's { message, number } cancellation is a cancellation with ERROR_CANCELLED", () => {
    const error = { message: "Canceled", number: -2147023673 };
    expect(isCanceledError(error)).toBe(true);
    expect(hresultOf(error)).toBe(HResult.ERROR_CANCELLED);
  });

  it("NodeRT's Error with an upper-case HRESULT gives its code, signed, and is a cancellation for ERROR_CANCELLED", () => {
    const failed = Object.assign(new Error("Access is denied."), { HRESULT: 0x80070005 });
    expect(hresultOf(failed)).toBe(0x80070005 | 0);
    expect(isCanceledError(failed)).toBe(false);
    const canceled = Object.assign(new Error("The operation was canceled by the user."), { HRESULT: 0x800704c7 });
    expect(isCanceledError(canceled)).toBe(true);
    expect(hresultOf(canceled)).toBe(HResult.ERROR_CANCELLED);
  });

  it("reads hresult first, then number, then HRESULT", () => {
    expect(hresultOf({ hresult: HResult.E_FAIL, number: HResult.E_INVALIDARG, HRESULT: 1 })).toBe(HResult.E_FAIL);
    expect(hresultOf({ number: HResult.E_INVALIDARG, HRESULT: 1 })).toBe(HResult.E_INVALIDARG);
    expect(hresultOf({ HRESULT: HResult.ERROR_TIMEOUT })).toBe(HResult.ERROR_TIMEOUT);
  });

  it("ignores non-numeric and out-of-range codes", () => {
    expect(hresultOf({ HRESULT: "0x80004005" })).toBe(HResult.E_FAIL);
    expect(hresultOf({ number: 2 ** 40 })).toBe(HResult.E_FAIL);
    expect(isCanceledError({ number: "-2147023673" })).toBe(false);
  });
});
