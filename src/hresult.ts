/**
 * HRESULT values used by the WinRT async model, as **signed** 32-bit integers: the value .NET's
 * `Exception.HResult` and the WinRT JavaScript projection's `WinRTError.number` carry
 * (`HResult.E_ILLEGAL_METHOD_CALL === -2147483634`). The object is frozen.
 */
export const HResult = Object.freeze({
  S_OK: 0,
  E_FAIL: 0x80004005 | 0,
  E_INVALIDARG: 0x80070057 | 0,
  E_ILLEGAL_STATE_CHANGE: 0x8000000d | 0,
  E_ILLEGAL_METHOD_CALL: 0x8000000e | 0,
  E_ILLEGAL_DELEGATE_ASSIGNMENT: 0x80000018 | 0,
  ERROR_CANCELLED: 0x800704c7 | 0,
  ERROR_TIMEOUT: 0x800705b4 | 0,
  RPC_E_DISCONNECTED: 0x80010108 | 0,
} as const);

/** The name of one of the `HResult` constants. */
export type HResultName = keyof typeof HResult;
