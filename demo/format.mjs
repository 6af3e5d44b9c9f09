// Formatting for the demo: HRESULT names, error lines, ages, progress bars, and fitting text to the terminal's
// width. Everything here returns plain text (no colour), one character per column: the demo only uses characters
// that terminals draw one column wide, so a string's length is its width on screen.
import { AsyncStatus, HResult, hresultOf } from "../dist/index.js";

const hresultNames = new Map(Object.entries(HResult).map(([name, value]) => [value, name]));

/** `E_INVALIDARG 0x80070057`: the name of an HRESULT the library knows, and its unsigned hexadecimal form. */
export function hresultText(hresult) {
  const hex = `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
  const name = hresultNames.get(hresult | 0);
  return name === undefined ? hex : `${name} ${hex}`;
}

/**
 * `AsyncError E_INVALIDARG 0x80070057: upload rejected` for anything thrown, plus its cause when it has one:
 * the class, the HRESULT by name, the message.
 */
export function describeError(error) {
  const name = typeof error?.name === "string" ? error.name : typeof error;
  const message = typeof error?.message === "string" ? error.message : String(error);
  let text = `${name} ${hresultText(hresultOf(error))}: ${message}`;
  const cause = error?.cause;
  if (cause !== undefined) {
    // A timeout's cause is a DOMException named "TimeoutError": show both the class and the name.
    const kind = cause?.constructor?.name && cause.constructor.name !== cause.name ? `${cause.constructor.name} ` : "";
    text += ` (cause: ${kind}${cause?.name ?? typeof cause}: ${cause?.message ?? String(cause)})`;
  }
  return text;
}

/** AsyncStatus maps names to numbers; the demo prints names. */
export const statusName = (status) =>
  Object.keys(AsyncStatus).find((name) => AsyncStatus[name] === status) ?? `status ${status}`;

/** `850ms`, `1.2s`, `2m05s`. */
export function formatAge(ms) {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** A bar `width` columns wide, filled to `percent` (undefined: no progress reported yet). */
export function bar(percent, width) {
  if (percent === undefined) return "·".repeat(width);
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}

/** `text` cut to `width` columns, ending in "…" when something was cut. */
export function fit(text, width) {
  if (width <= 0) return "";
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** `text` padded or cut to exactly `width` columns. */
export const cell = (text, width) => fit(text, width).padEnd(width);

/**
 * `text` broken into lines of at most `width` columns, each starting with `indent`: at spaces where it can, inside
 * a word that is longer than a line.
 */
export function wrap(text, width, indent = "") {
  const room = Math.max(1, width - indent.length);
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > 0) {
      const gap = line === "" ? "" : " ";
      if (line.length + gap.length + rest.length <= room) {
        line += gap + rest;
        rest = "";
      } else if (line === "") {
        line = rest.slice(0, room);
        rest = rest.slice(room);
        lines.push(line);
        line = "";
      } else {
        lines.push(line);
        line = "";
      }
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => indent + l);
}
