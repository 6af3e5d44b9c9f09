// The wire protocol of winrt-async/http (DESIGN 4.6), as data: event names, JSON shapes, status codes, header
// names, the id rule and the HTTP-status-to-HRESULT mapping. The server (`operationsHandler`) and the client
// (`OperationClient`) both read it from here, so the two sides cannot drift; it imports nothing but types and the
// HRESULT table, so a client bundle that uses it carries nothing of the server. docs/guides/http.md describes the
// same protocol for implementers in other languages.
import { HResult } from "../hresult.js";
import type { ErrorEnvelope, JsonValue } from "../remote/error-envelope.js";

export type { ErrorEnvelope, JsonValue };

/** The media type of an operation's event stream (`Accept` to ask for it, `Content-Type` of the response). */
export const EVENT_STREAM = "text/event-stream";
/** The media type of every JSON request and response body. */
export const JSON_MEDIA_TYPE = "application/json";

/** Header names the protocol uses, lower case (Fetch `Headers` are case-insensitive). */
export const HEADER = Object.freeze({
  /** `text/event-stream` in it asks for the event stream (POST and GET). */
  accept: "accept",
  /** `application/json` on a POST body; the media type of every response. */
  contentType: "content-type",
  /** A declared body length over `maxBodyBytes` is refused before reading. */
  contentLength: "content-length",
  /** On 201: `{base-path}/{id}`, the new operation's URL path. */
  location: "location",
  /** On a GET of the stream: the id of the last event the reader got, to resume after it. */
  lastEventId: "last-event-id",
  /** `no-store` on JSON answers, `no-cache, no-transform` on event streams. */
  cacheControl: "cache-control",
  /** On 405: the methods the path takes. */
  allow: "allow",
} as const);

/** The HTTP status codes the protocol uses. */
export const HTTP_STATUS = Object.freeze({
  /** A snapshot (GET, JSON). An event stream resumed by GET is also 200. */
  ok: 200,
  /** POST started the task; `Location` names the new operation. */
  created: 201,
  /** DELETE: the cancel was taken (also for an operation that had already ended: DELETE is idempotent). */
  accepted: 202,
  /** The body is not JSON, or not `{ "task": string, "input"?: any }`, or `Last-Event-ID` is not a decimal integer. */
  badRequest: 400,
  /** `authorize` refused (returned anything but `true`, or threw). */
  forbidden: 403,
  /** No task of that name (own function properties only), or no operation with that id. One shape for both. */
  notFound: 404,
  /** A method the path does not take (POST on an id, GET or DELETE without one). `Allow` lists the right ones. */
  methodNotAllowed: 405,
  /** The body is longer than `maxBodyBytes`. */
  payloadTooLarge: 413,
  /** The POST body is not `application/json`. */
  unsupportedMediaType: 415,
} as const);

/** The events of an operation's stream, in the order they can come: `started`, `progress`*, then one terminal event. */
export const EVENT = Object.freeze({
  /** First event of a stream that was not resumed; data `{ "id": id }`. */
  started: "started",
  /** The latest progress value (conflated: a slow reader gets the newest, never a backlog); data: the value. */
  progress: "progress",
  /** Terminal: the operation completed; data: the result (`null` for `undefined`). */
  completed: "completed",
  /** Terminal: the operation failed; data: the error envelope (see `src/remote/error-envelope.ts`). */
  error: "error",
  /** Terminal: the operation was canceled; data `null`. */
  canceled: "canceled",
} as const);

/** The name of one event of the stream. */
export type OperationEventName = (typeof EVENT)[keyof typeof EVENT];

/** An operation's status as the JSON bodies write it (the names of `AsyncStatus`). */
export type OperationStatusName = "started" | "completed" | "canceled" | "error";

/** The body of `POST {base}`: the task to run and its input (absent input: the task receives `undefined`). */
export interface RunRequestBody {
  /** The task's name: an own function property of the server's tasks object. */
  readonly task: string;
  /** The task's input; absent, the task receives `undefined`. */
  readonly input?: JsonValue;
}

/** The JSON answer of `POST {base}` (status 201) when no event stream was asked for. */
export interface CreatedBody {
  /** The new operation's id (`OPERATION_ID_PATTERN`). */
  readonly id: string;
  /** Its status when the answer was made (`completed` already, for a task that finished synchronously). */
  readonly status: OperationStatusName;
}

/** The JSON answer of `GET {base}/{id}` without `Accept: text/event-stream` (status 200). */
export interface SnapshotBody {
  /** The operation's id. */
  readonly id: string;
  /** Its status now. */
  readonly status: OperationStatusName;
  /** The latest progress value, when one was reported. */
  readonly progress?: JsonValue;
  /** The result, when `status` is `completed`. */
  readonly result?: JsonValue;
  /** The error envelope, when `status` is `error`. */
  readonly error?: ErrorEnvelope;
}

/** The data of the `started` event. */
export interface StartedEventData {
  /** The operation's id. */
  readonly id: string;
}

/** The body of every refusal (400, 403, 404, 405, 413, 415): the error as an envelope. */
export interface ErrorBody {
  /** Why the request was refused, with the HRESULT of `hresultOfHttpStatus(status)`. */
  readonly error: ErrorEnvelope;
}

/** An operation id: 16 random bytes in base64url without padding (22 characters of `[A-Za-z0-9_-]`, 128 bits). */
export const OPERATION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The comment line the server writes to keep an idle stream open through proxies (a line starting with `:`). */
export const HEARTBEAT = ": heartbeat\n\n";

/**
 * The HRESULT a client gives to an operation the server refused with `status`: 403 `E_ACCESSDENIED`, 404
 * `ERROR_NOT_FOUND`, 400/405/413/415 `E_INVALIDARG`, anything else `E_FAIL`. Never throws.
 */
export function hresultOfHttpStatus(status: number): number {
  switch (status) {
    case HTTP_STATUS.forbidden:
      return HResult.E_ACCESSDENIED;
    case HTTP_STATUS.notFound:
      return HResult.ERROR_NOT_FOUND;
    case HTTP_STATUS.badRequest:
    case HTTP_STATUS.methodNotAllowed:
    case HTTP_STATUS.payloadTooLarge:
    case HTTP_STATUS.unsupportedMediaType:
      return HResult.E_INVALIDARG;
    default:
      return HResult.E_FAIL;
  }
}

/** The status name of `AsyncStatus` value `status` (0 started, 1 completed, 2 canceled, 3 error). */
export function statusName(status: number): OperationStatusName {
  return status === 1 ? "completed" : status === 2 ? "canceled" : status === 3 ? "error" : "started";
}
