// Reads a response body as an event stream (text/event-stream) with eventsource-parser, a well-kept parser, so
// the client never parses the format by hand. Runs on the Fetch API alone: browsers, Node, Deno and Bun.
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** Events are bounded: a peer that never ends a line cannot grow the parser's buffer past this (characters). */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Feeds `body` to the parser and calls `onEvent` for each event, in order, until `onEvent` returns true (the
 * stream is then canceled), the body ends, `signal` aborts, or the read fails (a cut connection). Resolves true when
 * `onEvent` ended it, false when the body ended or failed first. Never rejects.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (event: EventSourceMessage) => boolean,
): Promise<boolean> {
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
