/**
 * The text layer shared by vCard writers (RFC 6350 §3.2–3.4, RFC 2426 §2.4): escaping values and
 * folding content lines so that no physical line is longer than 75 octets.
 */

/** The longest physical line, in octets of UTF-8, not counting its CRLF. */
const MAX_OCTETS = 75;

/** Escapes a text value: backslash, comma, semicolon and every kind of line break as `\n`. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/[\\,;]/g, (c) => `\\${c}`)
      .replace(/\r\n|\r|\n/g, "\\n")
      // Other control characters are not allowed in a content line and some readers stop at them.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
  );
}

/**
 * Folds one logical line into physical lines joined by CRLF and a space, each at most 75 octets.
 * Octets, not characters, are what the standard counts; a break never falls inside a character,
 * so a UTF-8 reader that decodes each physical line on its own still sees whole characters.
 */
export function foldLine(line: string): string {
  // Most lines are short ASCII: at most 75 UTF-16 units of ASCII are at most 75 octets.
  if (line.length <= MAX_OCTETS && isAscii(line)) return line;
  let out = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      out += "\r\n ";
      octets = 1; // the leading space of a continuation line counts
    }
    out += char;
    octets += size;
  }
  return out;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
