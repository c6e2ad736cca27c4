/**
 * Human output: short sentences, aligned tables, colour only on a terminal (and never with
 * NO_COLOR or --json). Machine output is one JSON document on stdout.
 */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
}

const NO_COLOUR: Paint = {
  bold: String,
  dim: String,
  green: String,
  yellow: String,
  red: String,
  cyan: String,
};

/**
 * Colour codes, or none. picocolors is loaded only for colour: as it loads it asks whether
 * process.stdout is a terminal, which makes the stream (docs/decisions.md, "CLI start-up, a
 * CommonJS binary").
 */
export async function paint(enabled: boolean): Promise<Paint> {
  if (!enabled) return NO_COLOUR;
  const c = (await import("picocolors")).default.createColors(true);
  return { bold: c.bold, dim: c.dim, green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan };
}

/**
 * Text for a terminal, whatever the data in it holds: a name from someone else's vCard or a mail's
 * subject may carry escape sequences (one sets the window title, another clears the screen) or a
 * right-to-left override that turns the rest of the line around. Control characters are shown as
 * their symbols (ESC as ␛, BEL as ␇), C1 controls as �, and the direction overrides and isolates
 * are dropped; newlines and tabs stay, and so do Goodwill's own colours when `keepColour` (the few
 * SGR codes `paint` writes).
 */
export function forTerminal(text: string, keepColour: boolean): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
    const direction = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    if (!control && !direction) continue;
    out += text.slice(from, i);
    from = i + 1;
    if (c === 0x1b && keepColour) {
      // Only the codes `paint` writes (bold, dim, red, green, yellow, cyan and their ends): a code
      // from the data that conceals or blinks the rest of the screen stays visible and inert.
      const sgr = /^\[(?:1|2|22|31|32|33|36|39)m/.exec(text.slice(i + 1, i + 6));
      if (sgr) {
        out += `\u001b${sgr[0]}`;
        i += sgr[0].length;
        from = i + 1;
        continue;
      }
    }
    if (direction) continue;
    out += c < 0x20 ? String.fromCharCode(0x2400 + c) : c === 0x7f ? "\u2421" : "\ufffd";
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb;
 * the terminal is asked last, as asking loads node:tty.
 */
export function colourWanted(env: Record<string, string | undefined>, isTTY: () => boolean): boolean {
  return (env.NO_COLOR === undefined || env.NO_COLOR === "") && env.TERM !== "dumb" && isTTY();
}

/**
 * Columns on a terminal: colour codes take none, East Asian wide characters and emoji two. Plain
 * ASCII is counted as it is; anything else is measured by string-width, which is loaded only when a
 * table first needs it (it costs more to load than most commands take): `table` counts code points
 * until then and says so through `wideTextPending`, and `print` loads it and formats again.
 */
let stringWidth: ((s: string) => number) | undefined;
let widthsWanted = false;

export async function loadTextWidths(): Promise<void> {
  stringWidth ??= (await import("string-width")).default;
}

/** Whether a table met text it could not measure without string-width (cleared on reading). */
export function wideTextPending(): boolean {
  const wanted = widthsWanted && stringWidth === undefined;
  widthsWanted = false;
  return wanted;
}

const PLAIN = /^[\x20-\x7e]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point
const COLOUR = /\u001b\[[0-9;]*m/g;

function visibleLength(s: string): number {
  const text = s.replace(COLOUR, "");
  if (PLAIN.test(text)) return text.length;
  if (stringWidth) return stringWidth(text);
  widthsWanted = true;
  return [...text].length;
}

/** A line break inside a cell, shown as one: a note of two lines would otherwise break its row. */
const CELL_BREAK = /[^\S\r\n]*(?:\r\n|\r|\n)\s*/g;
const oneLine = (text: string) =>
  text.includes("\n") || text.includes("\r") ? text.replace(CELL_BREAK, " ⏎ ") : text;

/**
 * Aligns rows into columns separated by two spaces; the last column is never padded. A cell keeps to
 * its row: its line breaks are shown as " ⏎ ". `below` gives a row a line of its own under it (why an
 * item is suggested), outside the columns and kept to one line the same way.
 */
export function table(
  rows: string[][],
  options: { header?: string[]; paint?: Paint; rightAlign?: number[]; below?: (string | null)[] } = {},
): string {
  const all = (options.header ? [options.header, ...rows] : rows).map((row) => row.map(oneLine));
  if (all.length === 0) return "";
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  const right = new Set(options.rightAlign ?? []);
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1 && !right.has(i)) return cell;
        const pad = " ".repeat((widths[i] ?? 0) - visibleLength(cell));
        return right.has(i) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const lines = all.map(line);
  if (options.header && options.paint) lines[0] = options.paint.dim(lines[0] ?? "");
  const { below } = options;
  if (below === undefined) return lines.join("\n");
  const first = options.header ? 1 : 0;
  return lines
    .flatMap((l, i) => {
      const under = i < first ? null : (below[i - first] ?? null);
      return under === null ? [l] : [l, oneLine(under)];
    })
    .join("\n");
}

/** "today", "yesterday", "3 days ago", "5 weeks ago", "2 years ago". */
export function ago(iso: string, now: number): string {
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.round(days / 365.25)} years ago`;
}

export { plural } from "../domain/plural.js";

/** Text as the end of a sentence: a full stop unless it ends with one already ("asap!!", "done?"). */
export function sentence(text: string): string {
  return /[.!?…]["”’)]*$/.test(text.trimEnd()) ? text : `${text}.`;
}

/** A balance label in colour: overdrawn red, balanced plain, giving green. */
export function labelText(label: string, p: Paint): string {
  if (label === "overdrawn") return p.red(label);
  if (label === "giving") return p.green(label);
  if (label === "untracked") return p.dim(label);
  return label;
}

export function dueText(status: string, p: Paint): string {
  if (status === "dormant" || status === "cooling") return p.red(status);
  if (status === "due") return p.yellow(status);
  if (status === "due-soon") return p.yellow(status);
  return p.dim(status);
}

export function oneDecimal(n: number | null): string {
  return n === null ? "–" : n.toFixed(1);
}

/**
 * A word as a shell takes it, for a hint to copy: as it is when safe, in double quotes when that is
 * enough ("Ann O'Neil"), else in single quotes.
 */
export function shellWord(text: string): string {
  if (/^[\p{L}\p{N}@._:+-]+$/u.test(text)) return text;
  if (!/["$`\\!]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
