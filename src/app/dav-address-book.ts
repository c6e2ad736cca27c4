/**
 * The CardDAV address book (issue 17): one per owner, a card per person. Goodwill's people are the
 * truth; the cards follow them. Before a client is answered, `syncCards` compares the card of each
 * person changed since (the store's triggers name them, whoever wrote) with the one last served and
 * gives each that differs the next number of the owner's change counter (the ctag and sync token), and a card whose person is gone (deleted, merged away) becomes
 * a tombstone that the next sync reports deleted. A card a client writes goes through the import's
 * rules (new people at layer 500, merged by UID, email or phone, never a silent duplicate).
 *
 * Only the contact card leaves: ledger, moments, notes and scores stay in Goodwill.
 */

import { cardParts, cardText, contentHash, etagOf } from "../dav/card-text.js";
import { formatPartialDate } from "../domain/partial-date.js";
import { GoodwillError } from "../errors.js";
import { type ContactRecord, isRecordError } from "../formats/contact-record.js";
import { decodeBytes } from "../formats/read/text-decoding.js";
import { readVCardsFromBytes } from "../formats/read/vcard-reader.js";
import type { VCardVersion } from "../formats/write/vcard-writer.js";
import { journaledService } from "../service/journaled-service.js";
import { loadIdentityIndex } from "../storage/contact-import.repository.js";
import {
  allDavCards,
  buryDavCard,
  type DavCardRow,
  davAddressBook,
  davCard,
  davCardOfPerson,
  davCardsChangedSince,
  davCardsNamed,
  davChangedPeople,
  davRevision,
  forgetDavChangedPeople,
  hasDavChangedPeople,
  liveDavCards,
  liveDavCardsOfPeople,
  markDavChangedPeople,
  putDavCard,
  setDavRevision,
} from "../storage/dav.repository.js";
import { replaceDetails } from "../storage/person.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { peopleAsContacts } from "./export-contacts.js";
import { fitContact } from "./fit-contact.js";
import { detailsOf, findMatch } from "./import-contacts.js";
import { editPerson } from "./people.js";
import { importFileFromBytes } from "./read-file.js";
import { journaled } from "./undo.js";

/** A card as a client sees it. */
export interface DavCard {
  name: string;
  etag: string;
  /** vCard 3.0, the kept lines included */
  text: string;
}

/** What to write: the changes since the cards were last compared with the people. */
interface CardPlan {
  write: { personId: string; contact: ContactRecord; card: DavCardRow | undefined }[];
  bury: DavCardRow[];
}

/**
 * Beyond this many changed people, reading everyone at once costs less than reading each changed
 * person on their own (an import, an undo of one, a restore).
 */
const PERSON_BY_PERSON = 200;

/**
 * Compares the cards of `changed` (every person when null: the first sync) with their people: what
 * differs is written, a card whose person is gone is buried.
 */
async function planCards(ctx: AppContext, changed: readonly string[] | null): Promise<CardPlan> {
  const people =
    changed === null || changed.length > PERSON_BY_PERSON
      ? await peopleAsContacts(ctx, { notes: false })
      : (
          await Promise.all(changed.map((personId) => peopleAsContacts(ctx, { notes: false, personId })))
        ).flat();
  const cards =
    changed === null
      ? (await allDavCards(ctx.db, ctx.ownerId)).filter((c) => c.deleted_at === null)
      : await liveDavCardsOfPeople(ctx.db, ctx.ownerId, changed);
  const live = new Map<string, DavCardRow>();
  const plan: CardPlan = { write: [], bury: [] };
  for (const card of cards) {
    // One card per person: a second one (two new cards for one person at once) goes.
    if (card.person_id && !live.has(card.person_id)) live.set(card.person_id, card);
    else plan.bury.push(card);
  }
  const compared = changed === null ? null : new Set(changed);
  for (const { personId, contact } of people) {
    if (compared && !compared.has(personId)) continue;
    const card = live.get(personId);
    live.delete(personId);
    if (card?.content_hash !== contentHash(contact)) plan.write.push({ personId, contact, card });
  }
  plan.bury.push(...live.values());
  return plan;
}

/**
 * Brings the cards up to date with the people and answers the owner's revision. Only the people
 * the store's triggers named since the last sync are compared (every person at the first sync);
 * with none named, it reads two rows and writes nothing, so the server's read cache keeps the
 * answer until the next write.
 */
export async function syncCards(ctx: AppContext): Promise<number> {
  const book = await davAddressBook(ctx.db, ctx.ownerId);
  if (book && !(await hasDavChangedPeople(ctx.db, ctx.ownerId))) return book.revision;
  return inWriteTransaction({ ...ctx, journal: undefined } as AppContext, async (tx) => {
    // Read again under the owner's lock: another request may have done it meanwhile.
    const book = await davAddressBook(tx.db, tx.ownerId);
    const changed = book ? await davChangedPeople(tx.db, tx.ownerId) : null;
    if (changed?.length === 0) return book?.revision ?? 0;
    const plan = await planCards(tx, changed);
    let revision = book?.revision ?? 0;
    const at = nowIso(tx);
    for (const card of plan.bury) await buryDavCard(tx.db, tx.ownerId, card.name, ++revision, at);
    for (const { personId, contact, card } of plan.write) {
      const kept: string[] = card ? JSON.parse(card.kept) : [];
      const text = cardText({ ...contact, uid: card?.uid ?? contact.uid }, kept, "3.0");
      await putDavCard(tx.db, {
        owner_id: tx.ownerId,
        // A person seen for the first time (or back after an undo) is at their own id.
        name: card?.name ?? `${personId}.vcf`,
        person_id: personId,
        uid: card?.uid ?? contact.uid ?? personId,
        content_hash: contentHash(contact),
        etag: etagOf(text),
        card: text,
        kept: JSON.stringify(kept),
        revision: ++revision,
        deleted_at: null,
      });
    }
    if (changed) await forgetDavChangedPeople(tx.db, tx.ownerId, changed);
    // The first sync makes the address book: from then on the triggers name changed people.
    if (!book || revision !== book.revision) await setDavRevision(tx.db, tx.ownerId, revision);
    return revision;
  });
}

export async function listCards(ctx: AppContext): Promise<{ name: string; etag: string }[]> {
  return liveDavCards(ctx.db, ctx.ownerId);
}

/** A live card by name, or undefined (never was, or deleted). */
export async function getCard(ctx: AppContext, name: string): Promise<DavCard | undefined> {
  const row = await davCard(ctx.db, ctx.ownerId, name);
  return row && row.deleted_at === null ? { name: row.name, etag: row.etag, text: row.card } : undefined;
}

export async function getCards(ctx: AppContext, names: readonly string[]): Promise<Map<string, DavCard>> {
  const rows = await davCardsNamed(ctx.db, ctx.ownerId, names);
  return new Map(
    rows
      .filter((r) => r.deleted_at === null)
      .map((r) => [r.name, { name: r.name, etag: r.etag, text: r.card }] as const),
  );
}

/** Every live card, with its text (an addressbook-query reads them all). */
export async function allCards(ctx: AppContext): Promise<DavCard[]> {
  const rows = await allDavCards(ctx.db, ctx.ownerId);
  return rows
    .filter((r) => r.deleted_at === null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r) => ({ name: r.name, etag: r.etag, text: r.card }));
}

/** The changes after `revision`: cards changed (with etags) and names deleted. */
export async function changesSince(
  ctx: AppContext,
  revision: number,
): Promise<{ changed: { name: string; etag: string }[]; deleted: string[] }> {
  const rows = await davCardsChangedSince(ctx.db, ctx.ownerId, revision);
  return {
    changed: rows.filter((r) => r.deleted_at === null).map((r) => ({ name: r.name, etag: r.etag })),
    deleted: rows.filter((r) => r.deleted_at !== null).map((r) => r.name),
  };
}

/** A card in the version asked for: the stored 3.0 text, or the person written anew in 4.0. */
export async function cardInVersion(ctx: AppContext, card: DavCard, version: VCardVersion): Promise<string> {
  if (version === "3.0") return card.text;
  const row = await davCard(ctx.db, ctx.ownerId, card.name);
  const [person] = row?.person_id
    ? await peopleAsContacts(ctx, { notes: false, personId: row.person_id })
    : [];
  if (!row || !person) return card.text;
  return cardText({ ...person.contact, uid: row.uid }, JSON.parse(row.kept), version);
}

export interface PutConditions {
  /** If-Match: the etag the client last saw */
  ifMatch?: string | undefined;
  /** If-None-Match: * — create only */
  ifNoneMatch?: string | undefined;
}

/** A card written by a client: created (through the import's rules) or updated. */
export async function putCard(
  ctx: AppContext,
  name: string,
  body: Uint8Array,
  conditions: PutConditions,
): Promise<{ created: boolean; card: DavCard }> {
  const text = decodeBytes(body);
  if (text.includes("\u0000"))
    throw new GoodwillError("malformed", "A card cannot hold the character U+0000.");
  const parts = cardParts(text);
  if (parts.cards !== 1) {
    throw new GoodwillError(
      "malformed",
      `A card's address holds exactly one vCard (BEGIN:VCARD … END:VCARD); this one holds ${parts.cards}.`,
    );
  }
  // A contact group (macOS, DAVx5's default) would otherwise become a person named after it.
  if (parts.kept.some((line) => /^(X-ADDRESSBOOKSERVER-)?KIND(;[^:]*)?:\s*group\s*$/i.test(line)))
    throw new GoodwillError(
      "forbidden",
      "Goodwill's address book holds people only: groups are tags, kept as CATEGORIES on each card (in DAVx5, choose “Groups are per-contact categories”).",
    );
  const [read] = readVCardsFromBytes(body);
  if (!read || isRecordError(read))
    throw new GoodwillError(
      "invalid",
      `The card could not be read: ${read && isRecordError(read) ? read.message : "it is empty"}.`,
    );

  await syncCards(ctx);
  const existing = await getCard(ctx, name);
  checkConditions(existing, conditions);
  const service = journaledService(ctx);
  let personId: string;
  if (existing) {
    const row = await davCard(ctx.db, ctx.ownerId, name);
    personId = row?.person_id as string;
    await applyCard(ctx, personId, read.contact);
  } else {
    // A new card is an import of one contact: it may be someone Goodwill already has.
    await service.importContacts(importFileFromBytes(`card ${name}`, body), "vcard");
    const index = await loadIdentityIndex(ctx.db, ctx.ownerId);
    const found = findMatch(index, read.contact.uid ?? null, read.contact);
    if (!found) throw new GoodwillError("internal", "The card was imported but its person cannot be found.");
    personId = found;
  }
  await inWriteTransaction({ ...ctx, journal: undefined } as AppContext, async (tx) => {
    const other = await davCardOfPerson(tx.db, tx.ownerId, personId);
    let revision = await davRevision(tx.db, tx.ownerId);
    // The person had a card at another address: that one goes (no duplicate on the phone).
    if (other && other.name !== name)
      await buryDavCard(tx.db, tx.ownerId, other.name, ++revision, nowIso(tx));
    // Written anew by the next syncCards, which compares only the people named for it.
    await markDavChangedPeople(tx.db, tx.ownerId, [personId]);
    await putDavCard(tx.db, {
      owner_id: tx.ownerId,
      name,
      person_id: personId,
      uid: parts.uid ?? other?.uid ?? personId,
      // written anew by the next syncCards
      content_hash: "",
      etag: "",
      card: "",
      kept: JSON.stringify(parts.kept),
      revision,
      deleted_at: null,
    });
    await setDavRevision(tx.db, tx.ownerId, revision);
  });
  await syncCards(ctx);
  const card = await getCard(ctx, name);
  if (!card) throw new GoodwillError("internal", "The card was written but cannot be read back.");
  return { created: !existing, card };
}

/**
 * A client's edit of a card: what the card says replaces what Goodwill had of it (the phone is where
 * it was edited); what a card cannot say (layer, rhythm, history) stays. One undoable change.
 */
async function applyCard(ctx: AppContext, personId: string, read: ContactRecord): Promise<void> {
  const { contact } = fitContact(read);
  await journaled(
    ctx,
    { action: "davPutCard", describe: () => `A DAV client updated ${contact.displayName}` },
    async (tx) => {
      await editPerson(tx, personId, {
        name: contact.displayName,
        givenName: contact.givenName,
        familyName: contact.familyName,
        nickname: contact.nickname,
        organization: contact.organization,
        department: contact.organization ? contact.department : null,
        title: contact.title,
        tags: contact.tags,
        birthday: contact.birthday ? formatPartialDate(contact.birthday) : null,
        metOn: contact.metOn,
        metText: contact.metText,
      });
      // Labels (work, home, mobile), dates and related names, as the card has them.
      await replaceDetails(tx.db, tx.ownerId, personId, detailsOf(contact));
    },
  );
}

/** A card deleted by a client: the person goes too (one change, undone with `goodwill undo`). */
export async function deleteCard(ctx: AppContext, name: string, conditions: PutConditions): Promise<void> {
  await syncCards(ctx);
  const existing = await getCard(ctx, name);
  if (!existing) throw new GoodwillError("not_found", `There is no card ${name}.`);
  checkConditions(existing, conditions);
  const row = await davCard(ctx.db, ctx.ownerId, name);
  if (row?.person_id) await journaledService(ctx).removePerson(row.person_id);
  await syncCards(ctx);
}

function checkConditions(existing: DavCard | undefined, conditions: PutConditions): void {
  const { ifMatch, ifNoneMatch } = conditions;
  if (
    ifNoneMatch !== undefined &&
    existing &&
    (ifNoneMatch.trim() === "*" || etagList(ifNoneMatch).includes(existing.etag))
  )
    throw new GoodwillError("precondition_failed", "The card exists already (If-None-Match).");
  if (ifMatch !== undefined) {
    const wanted = etagList(ifMatch);
    if (!existing || !(ifMatch.trim() === "*" || wanted.includes(existing.etag)))
      throw new GoodwillError(
        "precondition_failed",
        "The card changed since it was read (If-Match): read it again, then write.",
      );
  }
}

/** The etags of an If-Match / If-None-Match header; a weak one (W/) compares as its strong twin. */
function etagList(header: string): string[] {
  return header.split(",").map((t) => t.trim().replace(/^W\//, ""));
}
