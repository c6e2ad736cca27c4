import { createHash } from "node:crypto";
import type { CapturedMail, MailAddress } from "../../../contract/capture.js";
import { bulkReason } from "./bulk-mail.js";
import { ownWords } from "./own-words.js";

/** Where a forwarded message starts: Gmail's and Apple's marker, Outlook's rule or "Original Message". */
const FORWARD_START =
  /^(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht)\s*-*|Begin forwarded message:|_{10,}|-{2,}\s*Original Message\s*-{2,})\s*$/i;
const HEADER =
  /^\*?(From|Von|De|Date|Sent|Gesendet|Datum|Envoy[ée]|Subject|Betreff|Objet|To|An|À|Cc):\*?\s*(.*)$/i;
const FIELD: Record<string, "from" | "date" | "subject" | "to" | "cc"> = {
  from: "from",
  von: "from",
  de: "from",
  date: "date",
  sent: "date",
  gesendet: "date",
  datum: "date",
  envoyé: "date",
  envoye: "date",
  subject: "subject",
  betreff: "subject",
  objet: "subject",
  to: "to",
  an: "to",
  à: "to",
  cc: "cc",
};

/**
 * The message inside a forwarded one (as the forwarding address receives it): its sender, date,
 * subject, recipients and words, read from the header block the mail client wrote above it (Gmail,
 * Apple Mail, Outlook). Null when `mail` forwards nothing readable. Its key is the contract's
 * fallback, a hash of date, sender and subject, so forwarding the same message twice logs it once.
 */
export function forwardedMail(mail: CapturedMail): CapturedMail | null {
  const lines = mail.text.split("\n");
  const start = lines.findIndex((line) => FORWARD_START.test(line.trim()));
  // Outlook may put the header block straight under the forwarder's note, without a rule.
  const from = start >= 0 ? start + 1 : lines.findIndex((line) => /^\*?(?:From|Von|De):/i.test(line.trim()));
  if (from < 0) return null;
  const fields: Partial<Record<"from" | "date" | "subject" | "to" | "cc", string>> = {};
  let i = from;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") break;
    const match = HEADER.exec(line);
    const field = match === null ? undefined : FIELD[match[1]!.toLowerCase()];
    if (field === undefined) {
      if (Object.keys(fields).length === 0) return null;
      break;
    }
    fields[field] = match![2]!.trim();
  }
  const sender = addressesIn(fields.from ?? "")[0] ?? null;
  if (sender === null) return null;
  const subject = fields.subject ?? "";
  const at = forwardedDate(fields.date) ?? mail.at;
  const body = lines.slice(i).join("\n");
  return {
    kind: "email",
    sourceKey: `mail:sha1:${createHash("sha1")
      .update(`${at === null ? "" : new Date(at).toISOString()}\n${sender.address}\n${subject}`)
      .digest("hex")}`,
    at,
    from: sender,
    to: addressesIn(fields.to ?? ""),
    cc: addressesIn(fields.cc ?? ""),
    deliveredTo: [],
    subject,
    text: ownWords(body),
    bulk: bulkReason({ header: () => null, fromAddress: sender.address, subject }),
  };
}

/**
 * The date a mail client wrote above a forwarded message: "Mon, Nov 10, 2025 at 6:02 PM" (Gmail),
 * "Tuesday, November 11, 2025 5:45 PM" (Outlook). Without a zone it is read as UTC: the day is what
 * a moment keeps, and the forwarder's zone is unknown.
 */
function forwardedDate(text: string | undefined): number | null {
  if (text === undefined) return null;
  const plain = text
    .replace(/[\u202f\u00a0]/g, " ")
    .replace(/\s+at\s+/i, " ")
    .trim();
  const zoned = /(?:[+-]\d{4}|GMT|UTC|Z)\b/.test(plain) ? plain : `${plain} UTC`;
  const at = Date.parse(zoned);
  return Number.isFinite(at) ? at : null;
}

/** The addresses of a header line as a mail client prints it: `Name <a@b>`, `Name [mailto:a@b]`, `a@b`. */
function addressesIn(text: string): MailAddress[] {
  const found: MailAddress[] = [];
  const pattern =
    /(?:"?([^"<>[\],;]*?)"?\s*)?(?:<([^<>\s]+@[^<>\s]+)>|\[mailto:([^\]\s]+@[^\]\s]+)\])|([^\s<>,;"[\]]+@[^\s<>,;"[\]]+)/g;
  for (const match of text.matchAll(pattern)) {
    const address = (match[2] ?? match[3] ?? match[4] ?? "").trim();
    if (!address.includes("@")) continue;
    const name = (match[1] ?? "").trim();
    found.push({ address, name: name === "" || name === address ? null : name });
  }
  return found;
}
