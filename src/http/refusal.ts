// What an HTTP refusal means to the operation that asked (DESIGN 4.6): the status decides the HRESULT, so a
// caller tests `hresult` (or the class) and never parses a message. The server's envelope, when it sent one,
// becomes the `cause`, rebuilt as every envelope is.
import { AsyncError } from "../errors.js";
import { HResult } from "../hresult.js";
import { decodeError } from "../remote/error-envelope.js";

/** What the request was about, so a 404 can name the missing task or id. */
export type RefusedRequest = { readonly kind: "run"; readonly task: string } | { readonly kind: "watch" | "cancel"; readonly id: string };

/**
 * The error an operation ends with when the server answers `status` instead of an event stream: an
 * `AsyncError` with `E_ACCESSDENIED` (401, 403), `E_INVALIDARG` (400, 413, 415), `ERROR_NOT_FOUND` (404, the
 * message naming the task or the id), `E_FAIL` otherwise; `cause` is the server's error when `body` holds
 * `{ error: envelope }`. Never throws.
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
  const options = (hresult: number): { hresult: number; cause?: unknown } => (cause === undefined ? { hresult } : { hresult, cause });
  const what = request.kind === "run" ? `task "${request.task}"` : `operation ${request.id}`;
  switch (status) {
    case 401:
    case 403:
      return new AsyncError(`The server at ${url} refused access to ${what} (HTTP ${status}).`, options(HResult.E_ACCESSDENIED));
    case 400:
    case 413:
    case 415:
      return new AsyncError(`The server at ${url} refused the request for ${what} as invalid (HTTP ${status}).`, options(HResult.E_INVALIDARG));
    case 404:
      return new AsyncError(
        request.kind === "run" ? `No task "${request.task}" at ${url} (HTTP 404).` : `No operation with id ${request.id} at ${url} (HTTP 404).`,
        options(HResult.ERROR_NOT_FOUND),
      );
    default:
      return new AsyncError(`The server at ${url} answered HTTP ${status} for ${what}.`, options(HResult.E_FAIL));
  }
}

/**
 * Whether a failed answer may succeed when asked again (the server or a proxy in between is busy or
 * restarting): 408, 425, 429 and every 5xx.
 */
export function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
