/**
 * App passwords for CardDAV clients (issue 17): a phone signs in with HTTP Basic, the account's email
 * as the user name and an app password that opens the address book and nothing else — not the API,
 * not the web app. Shown once, stored as a SHA-256 hash, revoked one by one. In local mode (no
 * accounts) the user name is not checked: the store has one owner.
 */
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { GoodwillError, invalid } from "../errors.js";
import {
  activeDavPasswords,
  insertDavPassword,
  listDavPasswords,
  noteDavPasswordUse,
  revokeDavPassword,
} from "../storage/dav.repository.js";
import { newId } from "../storage/keys.js";
import { ensureLocalOwner } from "../storage/owner.repository.js";
import type { Database } from "../storage/schema.js";
import { findAccount, hasAccounts } from "./accounts.js";

/** No 0/o, 1/l/i: the password is typed on a phone. 24 of 31 letters are 118 bits. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 4;
const GROUP_LENGTH = 6;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export interface DavPasswordJson {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function newPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

/** A new app password for the owner, shown once. */
export async function createDavPassword(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  nowIso: string,
): Promise<{ id: string; name: string; password: string }> {
  const label = name.trim();
  if (label === "" || label.length > 100)
    throw invalid("Name the app password (up to 100 characters), e.g. the phone it is for.", {
      field: "name",
    });
  const password = newPassword();
  const id = newId();
  await insertDavPassword(db, {
    owner_id: ownerId,
    id,
    name: label,
    secret_hash: sha256(password),
    created_at: nowIso,
  });
  return { id, name: label, password };
}

export async function davPasswords(db: Kysely<Database>, ownerId: string): Promise<DavPasswordJson[]> {
  return (await listDavPasswords(db, ownerId)).map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeDav(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  nowIso: string,
): Promise<void> {
  if (!(await revokeDavPassword(db, ownerId, id, nowIso)))
    throw new GoodwillError("not_found", `No app password that still works has the id ${id}.`);
}

/**
 * The owner a Basic sign-in opens, or null. In team mode the user name is an account's email; in
 * local mode any name is the local owner's.
 */
export async function davLoginOwner(
  db: Kysely<Database>,
  user: string,
  password: string,
  now: number,
): Promise<string | null> {
  let ownerId: string;
  if (await hasAccounts(db)) {
    const account = await findAccount(db, user);
    if (!account) return null;
    ownerId = account.ownerId;
  } else {
    ownerId = (await ensureLocalOwner(db, new Date(now).toISOString())).id;
  }
  const given = Buffer.from(sha256(password.trim().toLowerCase()));
  for (const row of await activeDavPasswords(db, ownerId)) {
    const stored = Buffer.from(row.secret_hash);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) continue;
    // Noting the last use at most hourly keeps a phone's syncs from turning into writes.
    if (row.last_used_at === null || Date.parse(row.last_used_at) < now - 3_600_000)
      await noteDavPasswordUse(db, ownerId, row.id, new Date(now).toISOString());
    return ownerId;
  }
  return null;
}

/**
 * Whose app passwords the CLI handles: the account named, or the local owner on a store without
 * accounts (local mode gets them too); with the user name a phone signs in with.
 */
export async function davOwnerFor(
  db: Kysely<Database>,
  user: string | undefined,
  nowIso: string,
): Promise<{ ownerId: string; username: string }> {
  if (user !== undefined) {
    const account = await findAccount(db, user);
    if (!account) throw new GoodwillError("not_found", `There is no account for ${user}.`);
    return { ownerId: account.ownerId, username: account.email };
  }
  if (await hasAccounts(db))
    throw new GoodwillError("usage", "This store has accounts: say whose app passwords with --user EMAIL.");
  return { ownerId: (await ensureLocalOwner(db, nowIso)).id, username: "goodwill" };
}

/** `goodwill token create --dav`: an app password, with the user name a phone signs in with. */
export async function davPasswordFor(
  db: Kysely<Database>,
  user: string | undefined,
  name: string,
  now: number,
): Promise<{ id: string; name: string; password: string; username: string }> {
  const nowIso = new Date(now).toISOString();
  const { ownerId, username } = await davOwnerFor(db, user, nowIso);
  return { ...(await createDavPassword(db, ownerId, name, nowIso)), username };
}
