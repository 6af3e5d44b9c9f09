// The demo's output, in one of two modes:
// - live: a frame (the live view of running operations) redrawn in place with ANSI cursor movements, and log lines
//   that scroll away above it. Used when stdout is a terminal, or when WINRT_ASYNC_DEMO_LIVE=1 (so tests can watch
//   it through a pipe); WINRT_ASYNC_DEMO_LIVE=0 turns it off.
// - plain: log lines only, for pipes and files.
// Colour only when stdout is a terminal (or FORCE_COLOR is set), never when NO_COLOR is set (https://no-color.org)
// or TERM=dumb. No line is ever wider than the terminal: a line as wide as the terminal would wrap, and a
// wrapped line spoils the redraw's count of lines to move up over. The width is the terminal's, or COLUMNS when
// stdout is not a terminal, or 80.
import { fit } from "./format.mjs";

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;?]*[A-Za-z]/g;
export const visibleLength = (text) => text.replace(ansi, "").length;

export function createScreen({ stream = process.stdout, env = process.env } = {}) {
  const tty = stream.isTTY === true;
  const live = env.WINRT_ASYNC_DEMO_LIVE === "1" || (tty && env.WINRT_ASYNC_DEMO_LIVE !== "0");
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0";
  const color = !noColor && env.TERM !== "dumb" && (tty || forceColor);

  let frame = () => [];
  let drawn = 0; // lines of the frame on screen, for the next redraw to move up over
  let pending = []; // log lines waiting to be printed above the frame
  let timer;
  let stopped = false;

  function width() {
    if (tty && stream.columns > 0) return stream.columns;
    const columns = Number.parseInt(env.COLUMNS ?? "", 10);
    return Number.isInteger(columns) && columns > 0 ? columns : 80;
  }

  /** A line cut to `max` columns; colours are dropped from the rare line that needs cutting. */
  function clamp(line, max) {
    if (visibleLength(line) <= max) return line;
    return fit(line.replace(ansi, ""), max);
  }

  function render() {
    if (!live) return;
    // The last column stays free: some terminals wrap as soon as a line fills the width.
    const max = width() - 1;
    // "\r" first: the terminal may have echoed "^C" after the frame; moving up keeps the column.
    let out = drawn > 0 ? `\r\x1b[${drawn}A\x1b[J` : "";
    for (const line of pending) out += `${clamp(line, max)}\n`;
    pending = [];
    const lines = frame(max);
    for (const line of lines) out += `${clamp(line, max)}\n`;
    drawn = lines.length;
    stream.write(out);
  }

  const onResize = () => render();

  return {
    live,
    color,
    width,
    /** `text` in colour `code` (an SGR number: 1 bold, 2 dim, 31 red, ...) when colours are on. */
    paint: (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text),
    /** Prints lines (above the frame in live mode); each is cut to the width. */
    log(...lines) {
      if (live) {
        pending.push(...lines);
        render();
      } else {
        const max = width();
        for (const line of lines) stream.write(`${clamp(line, max)}\n`);
      }
    },
    /** Sets what the frame shows: `provider(maxWidth)` returns its lines. Live mode only. */
    setFrame(provider) {
      frame = provider;
      render();
    },
    /** Live mode: hides the cursor and redraws every `intervalMs` until `stop()`. */
    start(intervalMs = 100) {
      if (!live) return;
      if (tty) stream.write("\x1b[?25l");
      timer = setInterval(render, intervalMs);
      stream.on?.("resize", onResize);
    },
    /** Removes the frame, prints what is pending, gives the cursor back. Safe to call twice. */
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      stream.off?.("resize", onResize);
      if (!live) return;
      frame = () => [];
      render();
      if (tty) stream.write("\x1b[?25h");
    },
    render,
  };
}
