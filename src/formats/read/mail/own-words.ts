/**
 * A message's own words: what its sender wrote this time, without the quoted message they answer,
 * the header block of an Outlook reply, or their signature. Cutting is by line, first marker wins.
 * A forwarded message (Gmail's "---------- Forwarded message ---------", or a forward's subject
 * with Outlook's header block) is kept: the forwarding address reads the message inside it.
 */

/** The most text a captured message keeps: 64 KiB of UTF-8. */
export const MAX_TEXT_BYTES = 64 * 1024;

/** "On Mon, 3 Mar 2025 at 10:00, Sofía <s@x> wrote:" and its siblings in other mail clients' languages. */
const REPLY_INTRO =
  /^(?:On\s.{1,400}\swrote:|Le\s.{1,400}\sa [ée]crit\s?:|Am\s.{1,400}\sschrieb\s.{0,200}:|El\s.{1,400}\sescribi[óo]:|Il giorno\s.{1,400}\sha scritto:|Op\s.{1,400}\sschreef\s.{0,200}:)\s*$/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(?:Original Message|Urspr[üu]ngliche Nachricht|Message d'origine)\s*-{2,}\s*$/i;
const FORWARD_MARKER =
  /^-{2,}\s*(?:Forwarded message|Begin forwarded message|Weitergeleitete Nachricht)\s*-*\s*:?\s*$/i;
const OUTLOOK_FROM = /^\*?(?:From|Von|De):\*?\s+\S/;
const OUTLOOK_SENT = /^\*?(?:Sent|Date|Gesendet|Envoy[ée]|Datum):\*?\s+\S/;
const SIGNATURE = /^--\s?$/;
const SENT_FROM_DEVICE = /^Sent from my (?:iPhone|iPad|Android|mobile|BlackBerry)/i;
const UNDERSCORES = /^_{10,}\s*$/;

/** "Fwd:", "FW:", "WG:", "TR:", "RV:", "Doorst:": a subject that says the message is forwarded. */
export const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv):\s*)*(?:fwd?|wg|tr|rv|doorst)\s*:/i;

/** The sender's own words of a plain-text body, at most 64 KiB; `forward` keeps what is forwarded. */
export function ownWords(body: string, forward = false): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  let forwarded = forward;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (FORWARD_MARKER.test(trimmed)) forwarded = true;
    if (!forwarded) {
      // Gmail wraps a long "On … wrote:" over two lines.
      const joined = `${trimmed} ${lines[i + 1]?.trim() ?? ""}`.trim();
      if (REPLY_INTRO.test(trimmed) || (/^(?:On|Le|Am|El)\s/.test(trimmed) && REPLY_INTRO.test(joined)))
        break;
      if (ORIGINAL_MESSAGE.test(trimmed)) break;
      if (OUTLOOK_FROM.test(trimmed) && outlookHeaderFollows(lines, i)) break;
      if (UNDERSCORES.test(trimmed) && OUTLOOK_FROM.test(lines[i + 1]?.trim() ?? "")) break;
      if (SIGNATURE.test(line) || SENT_FROM_DEVICE.test(trimmed)) break;
    }
    if (/^\s*>/.test(line)) continue;
    kept.push(line.trimEnd());
  }
  const text = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return capBytes(text, MAX_TEXT_BYTES);
}

/** An Outlook reply's header block: From: then Sent:/Date: within the next three lines. */
function outlookHeaderFollows(lines: string[], at: number): boolean {
  return lines.slice(at + 1, at + 4).some((line) => OUTLOOK_SENT.test(line.trim()));
}

/** `text` cut to at most `max` bytes of UTF-8, never inside a character. */
export function capBytes(text: string, max: number): string {
  if (text.length * 3 <= max || Buffer.byteLength(text) <= max) return text;
  const cut = Buffer.from(text).subarray(0, max).toString("utf8");
  return cut.replace(/\uFFFD+$/, "");
}
