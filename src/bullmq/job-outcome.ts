// How a BullMQ job's end reads as an operation's end (DESIGN 4.2): the markers `serve` leaves on a job and the
// one function every client path (events, attach, re-reads) uses to turn a failed job into an outcome.
import { AsyncError, CanceledError, DisconnectedError } from "../errors.js";
import { decodeError, encodeError } from "../remote/error-envelope.js";

/** Prefix of the `failedReason` of a job that `serve` ended because it was canceled. Never retried. */
export const CANCELED_MARKER = "[winrt-async:canceled] ";
/** Prefix of the job log row that carries the thrown value's envelope (name, `hresult`, `cause`, data). */
export const ERROR_LOG_PREFIX = "winrt-async:error ";
/** BullMQ's `failedReason` for a job that stalled more often than `maxStalledCount` allows (its Lua scripts). */
export const STALLED_REASON = "job stalled more than allowable limit";

/** The log row `serve` writes before failing a job: the envelope, and the reason BullMQ will store beside it. */
export function errorLogRow(error: unknown, failedReason: string): string {
  return ERROR_LOG_PREFIX + JSON.stringify({ reason: failedReason, error: encodeError(error) });
}

/** What a failed job means for its operations: canceled, or an error value to reject with. */
export type FailedOutcome = { readonly canceled: true } | { readonly canceled: false; readonly error: unknown };

/**
 * The outcome of a job that BullMQ holds as failed. `logs` are the job's log rows (read only when the reason is
 * neither a cancel nor a stall); the last envelope row whose recorded reason matches `failedReason` wins, so an
 * earlier attempt's envelope is never mistaken for the final failure. A job failed by a foreign worker (no
 * envelope) reads as an `AsyncError` with its `failedReason` as message.
 */
export async function failedOutcome(
  failedReason: string,
  logs: () => Promise<readonly string[]>,
): Promise<FailedOutcome> {
  if (failedReason.startsWith(CANCELED_MARKER)) return { canceled: true };
  if (failedReason === STALLED_REASON) {
    return {
      canceled: false,
      error: new DisconnectedError("The queue consumer running the job went away (the job stalled too often).", {
        cause: new Error(failedReason),
      }),
    };
  }
  let rows: readonly string[] = [];
  try {
    rows = await logs();
  } catch {
    // The job is gone (removed after failing) or Redis is unreachable: the reason alone must do.
  }
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (!row.startsWith(ERROR_LOG_PREFIX)) continue;
    try {
      const parsed = JSON.parse(row.slice(ERROR_LOG_PREFIX.length)) as { reason?: unknown; error?: unknown };
      if (parsed.reason === failedReason) return { canceled: false, error: decodeError(parsed.error) };
    } catch {
      // A row we did not write in this shape: keep looking.
    }
  }
  return { canceled: false, error: new AsyncError(failedReason) };
}

/** The error of an operation whose job was canceled (its marker) or removed, for every client. */
export function jobCanceledError(jobId: string, how: "canceled" | "removed"): CanceledError {
  return new CanceledError(`Job ${jobId} was ${how}.`);
}
