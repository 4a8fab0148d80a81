/**
 * Text from received workbooks on its way to a terminal or a report. A sender controls sheet names, cell
 * text and (through `_x001B_` escapes) any character at all, so before such text reaches a text report or
 * the terminal, control characters, escape sequences, line breaks and direction overrides are shown as
 * visible escapes: a file cannot colour, move the cursor, forge report lines or reorder what is shown.
 */

/**
 * C0 controls (line breaks and tabs too), DEL, C1 controls (0x9B starts an escape sequence on its own on
 * some terminals), the line and paragraph separators, and the bidirectional marks and overrides.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(ch: string): string {
  const named = Object.hasOwn(NAMED, ch) ? NAMED[ch] : undefined;
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text on one line, every unsafe character shown as an escape (`\x1B`, `\n`, `\u202E`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeOf);
}

/** What JSON.stringify leaves raw inside strings: DEL, C1, the separators and the direction marks. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON whose strings hold no character a terminal acts on (JSON.stringify already escapes C0). */
export function safeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The most characters an Excel cell holds. */
export const MAX_CELL_CHARS = 32_767;

/** Text cut to what one cell holds (never inside a surrogate pair), ending with '…' when cut. */
export function capCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let end = MAX_CELL_CHARS - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
