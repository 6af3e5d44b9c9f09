// Reads a response body as an event stream (text/event-stream) with eventsource-parser, a well-kept parser, so
// the client never parses the format by hand. Runs on the Fetch API alone: browsers, Node, Deno and Bun.
// The parser is an optional peer dependency loaded on the first stream read: the server side of the same subpath
// (`operationsHandler`) never needs it, so importing `winrt-async/http` does not require it.
import type { EventSourceMessage } from "eventsource-parser";

type ParserModule = typeof import("eventsource-parser");
let parserModule: Promise<ParserModule> | undefined;

/**
 * eventsource-parser, loaded once. Rejects with an `Error` naming the package to install when it is missing (and
 * tries again on the next call, so installing it needs no restart of a long-lived page).
 */
export function loadParser(): Promise<ParserModule> {
  return (parserModule ??= import("eventsource-parser").catch((error: unknown) => {
    parserModule = undefined;
    throw new Error(
      "winrt-async/http's OperationClient needs its optional peer dependency eventsource-parser to read event streams. " +
        "Install it with: npm install eventsource-parser",
      { cause: error },
    );
  }));
}

/** Events are bounded: a peer that never ends a line cannot grow the parser's buffer past this (characters). */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Feeds `body` to the parser and calls `onEvent` for each event, in order, until `onEvent` returns true (the
 * stream is then canceled), the body ends, `signal` aborts, or the read fails (a cut connection). Resolves true when
 * `onEvent` ended it, false when the body ended or failed first. Rejects only when the parser cannot be loaded.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (event: EventSourceMessage) => boolean,
): Promise<boolean> {
  const { createParser } = await loadParser();
  let finished = false;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent(event) {
      if (!finished && onEvent(event)) finished = true;
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // An abort (a cancel, the client's close) ends the read even when the request itself had no signal.
  const stop = (): void => void reader.cancel().catch(() => undefined);
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.feed(decoder.decode());
        return finished;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      if (finished) return true;
    }
  } catch {
    // A cut connection, an abort, a parser over its bound: the stream is over; the caller decides what follows.
    return finished;
  } finally {
    signal.removeEventListener("abort", stop);
    reader.cancel().catch(() => undefined);
  }
}
