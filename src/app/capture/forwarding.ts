/**
 * The forwarding address (issue 18): `log-<secret>@<domain>`, one per owner. A message the user
 * forwards or BCCs to it is logged like an imported one. The secret is shown when the address is
 * made and kept only as its SHA-256 hash; a new address replaces the old, which stops working.
 */
import { createHash, randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { CapturedMail, MailAddress } from "../../contract/capture.js";
import { GoodwillError } from "../../errors.js";
import { bulkReason } from "../../formats/read/mail/bulk-mail.js";
import { readForwardedBlock, wholeText } from "../../formats/read/mail/forwarded.js";
import { ownWords } from "../../formats/read/mail/own-words.js";
import { readMessage } from "../../formats/read/mail/read-message.js";
import { accountEmail } from "../../storage/capture.repository.js";
import {
  captureAddressOwner,
  readCaptureAddress,
  replaceCaptureAddress,
} from "../../storage/capture-address.repository.js";
import { emailKey } from "../../storage/keys.js";
import type { Database } from "../../storage/schema.js";
import type { Store } from "../../storage/store.js";
import type { AppContext } from "../context.js";
import { captureItems } from "./capture-items.js";
import { bodyPolicy, savedAddresses } from "./capture-settings.js";

/** Lower-case base32 (RFC 4648's letters): safe in a local part, case-folded by no one. */
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** 20 characters of 32 are 100 bits: guessing one is hopeless, and typing one is never needed. */
const SECRET_LENGTH = 20;
const LOCAL_PART = /^log-([a-z2-7]{20})$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** What Settings shows: whether there is an address, since when, and the domain it is at. */
export interface ForwardingAddressJson {
  /** the whole address: only in the answer that made it (the secret is not kept) */
  address: string | null;
  createdAt: string | null;
  domain: string;
}

/**
 * The domain of the addresses: `--mail-domain` or GOODWILL_MAIL_DOMAIN, else the host of
 * GOODWILL_PUBLIC_URL, else `localhost`.
 */
export function mailDomain(env: Record<string, string | undefined>, flag?: string): string {
  const named = (flag ?? env.GOODWILL_MAIL_DOMAIN ?? "").trim().toLowerCase();
  if (named !== "") return named.replace(/^@/, "");
  const publicUrl = env.GOODWILL_PUBLIC_URL?.trim();
  if (publicUrl) {
    try {
      return new URL(publicUrl).hostname;
    } catch {
      // An unreadable public URL is reported where it is used (links); mail falls back.
    }
  }
  return "localhost";
}

/** The owner's address as Settings shows it: when it was made (the address itself is not kept). */
export async function forwardingAddress(
  db: Kysely<Database>,
  ownerId: string,
  domain: string,
): Promise<ForwardingAddressJson> {
  const row = await readCaptureAddress(db, ownerId);
  return { address: null, createdAt: row?.createdAt ?? null, domain };
}

/** A new address for the owner, shown this once; the owner's previous address stops working. */
export async function newForwardingAddress(
  db: Kysely<Database>,
  ownerId: string,
  domain: string,
  nowIso: string,
): Promise<ForwardingAddressJson & { address: string }> {
  let secret = "";
  for (let i = 0; i < SECRET_LENGTH; i++) secret += BASE32[randomInt(BASE32.length)];
  await replaceCaptureAddress(db, { owner_id: ownerId, secret_hash: sha256(secret), created_at: nowIso });
  return { address: `log-${secret}@${domain}`, createdAt: nowIso, domain };
}

/**
 * Whose forwarding address a recipient is, or null. Any domain is accepted: the secret is the
 * address, and a relay may rewrite the domain (docs/deploy.md).
 */
export async function recipientOwner(db: Kysely<Database>, recipient: string): Promise<string | null> {
  const at = recipient.lastIndexOf("@");
  const local = (at < 0 ? recipient : recipient.slice(0, at)).trim().toLowerCase();
  const secret = LOCAL_PART.exec(local)?.[1];
  if (!secret) return null;
  return captureAddressOwner(db, sha256(secret));
}

/** Is this a forwarding address (anyone's)? Such recipients are not people to count. */
export const isForwardingAddress = (address: string) =>
  LOCAL_PART.test(address.slice(0, address.lastIndexOf("@")).trim().toLowerCase());

/** The user's own addresses as email keys: the ones saved (capture:my_addresses) and the account's. */
async function ownAddresses(ctx: AppContext): Promise<Set<string>> {
  const mine = new Set((await savedAddresses(ctx)).map(emailKey));
  const account = await accountEmail(ctx.db, ctx.ownerId);
  if (account) mine.add(emailKey(account));
  return mine;
}

const FORWARD_PREFIXES = /^\s*(?:(?:fwd?|wg|tr|rv)\s*:\s*)+/i;

/**
 * The message to log for one that reached the forwarding address. When the user forwarded it (the
 * sender is one of their own addresses and its whole text, `body`, holds a forwarded block with a
 * sender), the original's sender, recipients, date, subject and words are taken from the block;
 * anything else (a BCC, a message someone else sent there) is logged as it is. Forwarding addresses
 * are never people.
 */
export function messageToLog(mail: CapturedMail, mine: ReadonlySet<string>, body = mail.text): CapturedMail {
  const sentByMe = isSentByMe(mail, mine);
  const block = sentByMe ? readForwardedBlock(body) : null;
  const people = (list: MailAddress[]) => list.filter((a) => !isForwardingAddress(a.address));
  // Delivered to the forwarding address, which is no one's: to the sender, for the original of a
  // forward (and a BCC is the sender's own message), which tells the user's address when none is known.
  const deliveredTo =
    sentByMe && mail.from ? [mail.from.address] : mail.deliveredTo.filter((a) => !isForwardingAddress(a));
  if (!block?.from) return { ...mail, to: people(mail.to), cc: people(mail.cc), deliveredTo };
  const subject = block.subject ?? mail.subject.replace(FORWARD_PREFIXES, "");
  const at = block.at ?? mail.at;
  return {
    ...mail,
    // The contract's key for a message without its Message-ID: the same original forwarded twice
    // (each forward has an id of its own) is logged once.
    sourceKey: `mail:sha1:${createHash("sha1")
      .update(`${at === null ? "" : new Date(at).toISOString()}\n${block.from.address}\n${subject}`)
      .digest("hex")}`,
    deliveredTo,
    from: block.from,
    // A block without recipients was addressed to me: the forwarder.
    to: people(block.to.length > 0 ? block.to : mail.from ? [mail.from] : []),
    cc: people(block.cc),
    at,
    subject,
    text: ownWords(block.text),
    // A forwarded newsletter or no-reply message is skipped like one imported.
    bulk: bulkReason({ header: () => null, fromAddress: block.from.address, subject }),
  };
}

/** Only the user knows the address: with none of theirs known, its sender is taken as theirs. */
function isSentByMe(mail: CapturedMail, mine: ReadonlySet<string>): boolean {
  return mail.from !== null && (mine.size === 0 || mine.has(emailKey(mail.from.address)));
}

/**
 * What the SMTP listener does with a message: read it once, then for each account it was addressed
 * to log it (or its forwarded original) through the import's pipeline, in that account only. A
 * message that is not mail is refused as `invalid`; a second delivery of one adds nothing.
 */
export function deliverForwarded(store: Store, clock: () => number) {
  return async (ownerIds: readonly string[], bytes: Uint8Array): Promise<void> => {
    const read = await readMessage(bytes, "the message");
    if (read.kind === "problem")
      throw new GoodwillError("invalid", `Goodwill cannot log this message: ${read.message}.`);
    let body: string | null = null;
    for (const ownerId of ownerIds) {
      const ctx: AppContext = { store, db: store.db, ownerId, now: clock() };
      const mine = await ownAddresses(ctx);
      if (isSentByMe(read, mine)) body ??= await wholeText(bytes);
      const mail = messageToLog(read, mine, body ?? read.text);
      // A message without a readable date arrived now: that is its day (an import would skip it).
      const dated = mail.at === null ? { ...mail, at: ctx.now } : mail;
      await captureItems(ctx, one(dated), { format: "forward", bodies: await bodyPolicy(ctx) });
    }
  };
}

async function* one<T>(item: T): AsyncIterable<T> {
  yield item;
}
