/**
 * HRESULT values used by the WinRT async model, as **signed** 32-bit integers: the value .NET's
 * `Exception.HResult` and the WinRT JavaScript projection's `WinRTError.number` carry
 * (`HResult.E_ILLEGAL_METHOD_CALL === -2147483634`). The object is frozen.
 */
export const HResult = Object.freeze({
  /** 0x00000000: success. */
  S_OK: 0,
  /** 0x80004005: unspecified failure; what `hresultOf` gives for an error that carries no code. */
  E_FAIL: 0x80004005 | 0,
  /** 0x80070057: an argument is invalid. */
  E_INVALIDARG: 0x80070057 | 0,
  /** 0x8000000D: an illegal state change was requested (`close()` while started): `IllegalStateChangeError`. */
  E_ILLEGAL_STATE_CHANGE: 0x8000000d | 0,
  /** 0x8000000E: a method was called at an unexpected time: `IllegalMethodCallError`. */
  E_ILLEGAL_METHOD_CALL: 0x8000000e | 0,
  /** 0x80000018: a delegate was assigned when not allowed (a second `completed`): `IllegalDelegateAssignmentError`. */
  E_ILLEGAL_DELEGATE_ASSIGNMENT: 0x80000018 | 0,
  /** 0x800704C7: the operation was canceled: `CanceledError`. */
  ERROR_CANCELLED: 0x800704c7 | 0,
  /** 0x800705B4: the operation timed out: `TimeoutError`. */
  ERROR_TIMEOUT: 0x800705b4 | 0,
  /** 0x80010108: the thread or queue consumer running the operation went away: `DisconnectedError`. */
  RPC_E_DISCONNECTED: 0x80010108 | 0,
  /**
   * 0x80070005: access denied. `OperationClient` (`winrt-async/http`) gives it to an operation the server refused
   * with HTTP 403 (its `authorize` option said no).
   */
  E_ACCESSDENIED: 0x80070005 | 0,
  /**
   * 0x80070490: element not found. `OperationClient` (`winrt-async/http`) gives it to an operation whose task or
   * id the server does not know (HTTP 404).
   */
  ERROR_NOT_FOUND: 0x80070490 | 0,
} as const);

/** The name of one of the `HResult` constants. */
export type HResultName = keyof typeof HResult;
