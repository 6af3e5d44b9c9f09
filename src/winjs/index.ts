// The public API of winrt-async/winjs: every export is listed here by name.
export { WinJSPromise } from "./winjs-promise.js";
export type {
  CancelablePromiseLike,
  WinJSAnyResult,
  WinJSErrorCallback,
  WinJSErrorDetail,
  WinJSErrorEvent,
  WinJSInit,
  WinJSInputOf,
  WinJSJoinProgress,
  WinJSJoinResults,
  WinJSOperationView,
} from "./winjs-promise.js";
export type { WinJSEvent, WinJSEventListener } from "./event-listeners.js";
export { toWinJS } from "./to-winjs.js";
export type { WinJSOperationInput, WinJSProgressOf } from "./inputs.js";
