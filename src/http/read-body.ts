// Reads a request body as text without ever holding more than `limit` bytes: a declared `Content-Length` over the
// limit is refused before reading, and a body that streams past it is canceled at the first chunk that crosses.

/** Why a body was not read. */
export interface BodyProblem {
  readonly problem: "too-large" | "not-utf8";
}
const tooLarge: BodyProblem = { problem: "too-large" };
const notUtf8: BodyProblem = { problem: "not-utf8" };

/**
 * The body of `request` as UTF-8 text, or the problem: `too-large` past `limit` bytes (the stream is canceled
 * then, nothing more is read), `not-utf8` for bytes that are not UTF-8. Never rejects.
 */
export async function readBody(request: Request, limit: number): Promise<string | BodyProblem> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (declared !== null && /^\d+$/.test(declared.trim())) {
    // A declared length within the limit: the HTTP layer delivers no more than it, so the body is read whole
    // (the bridges have a fast path for that, cheaper than pulling a stream chunk by chunk).
    let whole: ArrayBuffer;
    try {
      whole = await request.arrayBuffer();
    } catch {
      return decode(new Uint8Array(0));
    }
    // A runtime that does not enforce the declared length still cannot make us keep more than the limit.
    return whole.byteLength > limit ? tooLarge : decode(new Uint8Array(whole));
  }
  const body = request.body;
  if (body === null) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    // The client went away mid-body: what came is not a whole JSON document, which the parser will say.
  } finally {
    reader.releaseLock();
  }
  let bytes: Uint8Array;
  if (chunks.length === 1) bytes = chunks[0]!;
  else {
    bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  return decode(bytes);
}

// One decoder for every body: `decode` without `stream` keeps no state between calls.
const decoder = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array): string | BodyProblem {
  try {
    return decoder.decode(bytes);
  } catch {
    return notUtf8;
  }
}
