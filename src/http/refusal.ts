// What an HTTP refusal means to the operation that asked (DESIGN 4.6): the status decides the HRESULT (the
// protocol's one table, `hresultOfHttpStatus`, shared with the server), so a caller tests `hresult` and never
// parses a message. The server's envelope, when it sent one, becomes the `cause`, rebuilt as every envelope is.
import { AsyncError } from "../errors.js";
import { decodeError } from "../remote/error-envelope.js";
import { HTTP_STATUS, hresultOfHttpStatus } from "./protocol.js";

/** What the request was about, so a 404 can name the missing task or id. */
export type RefusedRequest = { readonly kind: "run"; readonly task: string } | { readonly kind: "watch"; readonly id: string };

/**
 * The error an operation ends with when the server answers `status` instead of an event stream: an
 * `AsyncError` whose `hresult` is `hresultOfHttpStatus(status)` (403 `E_ACCESSDENIED`, 400/405/413/415
 * `E_INVALIDARG`, 404 `ERROR_NOT_FOUND` with the task or the id named in the message, `E_FAIL` otherwise);
 * `cause` is the server's error when `body` holds `{ error: envelope }`. Never throws.
 */
export function refusalError(status: number, request: RefusedRequest, url: string, body: unknown): AsyncError {
  let cause: unknown;
  const envelope = (body as { error?: unknown } | null | undefined)?.error;
  if (envelope !== undefined) {
    try {
      cause = decodeError(envelope);
    } catch {
      cause = undefined; // a malformed envelope says nothing more than the status does
    }
  }
  const hresult = hresultOfHttpStatus(status);
  const what = request.kind === "run" ? `task "${request.task}"` : `operation ${request.id}`;
  const message =
    status === HTTP_STATUS.notFound
      ? request.kind === "run"
        ? `No task "${request.task}" at ${url} (HTTP 404).`
        : `No operation with id ${request.id} at ${url} (HTTP 404).`
      : status === HTTP_STATUS.forbidden
        ? `The server at ${url} refused access to ${what} (HTTP 403).`
        : `The server at ${url} refused the request for ${what} (HTTP ${status}).`;
  return new AsyncError(message, cause === undefined ? { hresult } : { hresult, cause });
}

/**
 * Whether a failed answer may succeed when asked again (the server or a proxy in between is busy or
 * restarting): 408, 425, 429 and every 5xx.
 */
export function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
