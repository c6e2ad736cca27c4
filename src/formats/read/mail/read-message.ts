import { createHash } from "node:crypto";
import { type AddressObject, type EmailAddress, simpleParser } from "mailparser";
import type { CapturedMail, CaptureProblem, MailAddress } from "../../../contract/capture.js";
import { NUL } from "../../nul-free.js";
import { bulkReason } from "./bulk-mail.js";
import { capBytes, FORWARD_SUBJECT, ownWords } from "./own-words.js";

/** What the mbox reader knows of a message besides its bytes. */
export interface MessageContext {
  /** the date of its `From ` separator line, used when the Date header is missing or unreadable */
  separatorDate?: number | null;
}

/** Headers whose presence tells that the bytes are a mail message at all. */
const MAIL_HEADERS = ["from", "to", "date", "message-id", "subject", "received", "mime-version"];

/** The longest Message-ID kept as it is; a longer one is remembered by its hash. */
const MAX_MESSAGE_ID = 900;

/**
 * Reads one RFC 822 message (an `.eml`, one message of an mbox, or one the forwarding address
 * received) into a captured mail; bytes that are no message become a problem named by `where`.
 */
export async function readMessage(
  bytes: Uint8Array,
  where = "message",
  context: MessageContext = {},
): Promise<CapturedMail | CaptureProblem> {
  try {
    const parsed = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
    const headers = new Map<string, string[]>();
    for (const { key, line } of parsed.headerLines) {
      const value = line.slice(line.indexOf(":") + 1).trim();
      headers.set(key, [...(headers.get(key) ?? []), value]);
    }
    if (!MAIL_HEADERS.some((name) => headers.has(name))) {
      return problem(
        where,
        "no mail headers could be read (From, To, Date, Subject …): it is not a mail message",
      );
    }
    const from = addresses(parsed.from)[0] ?? null;
    const subject = clean(parsed.subject ?? "").trim();
    const at = headerDate(headers.get("date")?.[0]) ?? context.separatorDate ?? null;
    const header = (name: string) => headers.get(name)?.[0] ?? null;
    const messageId = clean(parsed.messageId ?? "")
      .trim()
      .replace(/^<|>$/g, "")
      .trim();
    const sourceKey =
      messageId !== "" && messageId.length <= MAX_MESSAGE_ID && !/\s/.test(messageId)
        ? `mail:${messageId}`
        : `mail:sha1:${sha1(messageId || `${at === null ? "" : new Date(at).toISOString()}\n${from?.address ?? ""}\n${subject}`)}`;
    const body = typeof parsed.text === "string" ? parsed.text : "";
    return {
      kind: "email",
      sourceKey,
      at,
      from,
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      deliveredTo: deliveredTo([
        ...(headers.get("delivered-to") ?? []),
        ...(headers.get("x-original-to") ?? []),
      ]),
      subject: capBytes(subject, 4096),
      text: ownWords(clean(body), FORWARD_SUBJECT.test(subject)),
      bulk: bulkReason({ header, fromAddress: from?.address ?? null, subject }),
    };
  } catch (error) {
    return problem(
      where,
      `the message could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function problem(where: string, message: string): CaptureProblem {
  return { kind: "problem", where, message };
}

/** A Date header as epoch ms, or null when it does not read (mailparser would answer "now"). */
function headerDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const at = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ""));
  return Number.isFinite(at) ? at : null;
}

/** Every address of a From/To/Cc header (groups flattened), each with its decoded name. */
function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (field === undefined) return [];
  const found: MailAddress[] = [];
  const visit = (entry: EmailAddress) => {
    if (entry.group !== undefined) {
      for (const member of entry.group) visit(member);
      return;
    }
    const address = clean(entry.address ?? "").trim();
    if (!address.includes("@")) return;
    const name = clean(entry.name ?? "").trim();
    found.push({ address, name: name === "" || name === address ? null : name });
  };
  for (const object of Array.isArray(field) ? field : [field]) {
    for (const entry of object.value) visit(entry);
  }
  return found;
}

/** The addresses of Delivered-To and X-Original-To headers, each once. */
function deliveredTo(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    for (const match of clean(value).matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)) {
      const address = match[0];
      if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
    }
  }
  return [...seen.values()];
}

/** Text without NUL, which PostgreSQL's text cannot hold. */
function clean(text: string): string {
  return text.includes(NUL) ? text.replaceAll(NUL, "") : text;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
