/**
 * Accounts for the team server: users with argon2id passwords, cookie sessions, API tokens and the
 * private calendar-feed key. Secrets are random, shown once, and stored only as SHA-256 hashes; each
 * carries its owner's id, so checking one reads a single owner's rows.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { readEmail } from "../contract/input.js";
import { GoodwillError, invalid } from "../errors.js";
import {
  accountByEmailKey,
  accountIdByEmailKey,
  accountsWithTokenCounts,
  anyAccount,
  apiTokenBySecret,
  apiTokenRows,
  countOwnedRows,
  deleteSessionRow,
  insertAccount,
  insertApiToken,
  insertSession,
  noteApiTokenUse,
  otherAccountExists,
  passwordHashOf,
  replacePassword,
  revokeApiTokenRow,
  sessionExpiry,
} from "../storage/account.repository.js";
import { accountEmailKey, isId, newId } from "../storage/keys.js";
import { deleteOwner } from "../storage/owner.repository.js";
import type { ReadCache } from "../storage/read-cache.js";
import type { Database } from "../storage/schema.js";
import { readSetting, writeSetting } from "../storage/settings.repository.js";
import type { Store } from "../storage/store.js";
import { storeFailureKind } from "../storage/store-errors.js";

const SESSION_DAYS = 30;
export const MIN_PASSWORD = 10;
/** Sign-in takes up to 1,000 characters (the login schema); a longer password could never be used. */
export const MAX_PASSWORD = 1000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const secret = () => randomBytes(32).toString("base64url");

/** Team mode starts when the store has at least one account. */
export async function hasAccounts(db: Kysely<Database>): Promise<boolean> {
  return anyAccount(db);
}

export interface Account {
  ownerId: string;
  email: string;
  name: string | null;
}

/** The rules every new password meets, whoever sets it (`user add`, `user passwd`, the account itself). */
function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD) {
    throw invalid(
      `The password is too short: use at least ${MIN_PASSWORD} characters (a few words make a good one).`,
      { field },
    );
  }
  if (password.length > MAX_PASSWORD) {
    throw invalid(`The password is too long: use at most ${MAX_PASSWORD} characters.`, { field });
  }
}

/** Creates an account: an owner of its own, private from every other, with a password. */
export async function addUser(
  db: Kysely<Database>,
  input: { email: string; name?: string | null; password: string },
  nowIso: string,
): Promise<Account> {
  const email = readEmail(input.email);
  checkNewPassword(input.password, "password");
  const existing = await accountIdByEmailKey(db, accountEmailKey(email));
  if (existing) throw new GoodwillError("conflict", `There is already an account for ${email}.`);
  const ownerId = newId();
  const passwordHash = await hash(input.password, { algorithm: 2 });
  await insertAccount(
    db,
    {
      id: ownerId,
      kind: "account",
      name: input.name ?? null,
      organization_id: null,
      department_id: null,
      created_at: nowIso,
      updated_at: nowIso,
    },
    {
      owner_id: ownerId,
      email,
      email_key: accountEmailKey(email),
      password_hash: passwordHash,
      created_at: nowIso,
      updated_at: nowIso,
    },
  );
  return { ownerId, email, name: input.name ?? null };
}

export async function findAccount(db: Kysely<Database>, email: string): Promise<Account | undefined> {
  const row = await accountByEmailKey(db, accountEmailKey(email));
  return row ? { ownerId: row.owner_id, email: row.email, name: row.name } : undefined;
}

/** The accounts of this store, by email, with how many API tokens of each still work. */
export async function listAccounts(
  db: Kysely<Database>,
): Promise<{ email: string; name: string | null; createdAt: string; activeTokens: number }[]> {
  const { rows, active } = await accountsWithTokenCounts(db);
  return rows.map((r) => ({
    email: r.email,
    name: r.name,
    createdAt: r.created_at,
    activeTokens: active.get(r.owner_id) ?? 0,
  }));
}

/**
 * Sets an account's password and ends its sessions, except the one whose cookie is `keepSession`
 * (the browser that changed it). API tokens keep working: they are listed and revoked on their own.
 * Returns how many sessions ended.
 */
export async function setPassword(
  db: Kysely<Database>,
  ownerId: string,
  password: string,
  nowIso: string,
  keepSession?: string,
): Promise<{ sessionsEnded: number }> {
  checkNewPassword(password, "newPassword");
  const passwordHash = await hash(password, { algorithm: 2 });
  const kept = keepSession ? parseCredential(keepSession, "") : null;
  const keep = kept && kept.ownerId === ownerId ? kept.secretHash : null;
  return { sessionsEnded: await replacePassword(db, ownerId, passwordHash, nowIso, keep) };
}

/** Whether `password` is the account's current one. */
export async function isPasswordOf(
  db: Kysely<Database>,
  ownerId: string,
  password: string,
): Promise<boolean> {
  const passwordHash = await passwordHashOf(db, ownerId);
  return passwordHash !== undefined ? await verify(passwordHash, password).catch(() => false) : false;
}

/** What an account holds, so removing it can say what would go. */
export async function accountContents(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ people: number; ledgerEntries: number; moments: number }> {
  const count = (table: "people" | "exchanges" | "interactions") => countOwnedRows(db, ownerId, table);
  return {
    people: await count("people"),
    ledgerEntries: await count("exchanges"),
    moments: await count("interactions"),
  };
}

/**
 * Removes an account and everything in it (people, history, sessions, tokens) in one transaction.
 * The last account stays: without accounts the server would start in local mode (no passwords).
 */
export async function removeAccount(store: Store, email: string): Promise<Account> {
  const account = await findAccount(store.db, email);
  if (!account) throw new GoodwillError("not_found", `There is no account for ${email}.`);
  await store.dialect.writeTransaction(store.db, account.ownerId, async (trx) => {
    if (!(await otherAccountExists(trx, account.ownerId))) {
      throw new GoodwillError(
        "conflict",
        `${account.email} is the last account: without accounts the server starts in local mode, where whoever has the sign-in link from its log gets in. Add another account first; to retire the server, drop its database instead.`,
      );
    }
    await deleteOwner(trx, account.ownerId);
  });
  return account;
}

// Verifying against a real hash even for an unknown email keeps the two cases equally slow.
let decoyHash: Promise<string> | undefined;

/** The account whose email and password these are, or null. */
export async function checkPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<Account | null> {
  const row = await accountByEmailKey(db, accountEmailKey(email));
  if (!row) {
    decoyHash ??= hash(secret(), { algorithm: 2 });
    await verify(await decoyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  return ok ? { ownerId: row.owner_id, email: row.email, name: row.name } : null;
}

/** Splits "<ownerId>.<secret>" (sessions, calendar keys) or "gw_<ownerId>_<secret>" (API tokens). */
function parseCredential(value: string, prefix: "" | "gw_"): { ownerId: string; secretHash: string } | null {
  const body = prefix ? (value.startsWith(prefix) ? value.slice(prefix.length) : null) : value;
  if (!body) return null;
  const separator = prefix ? "_" : ".";
  const at = body.indexOf(separator);
  if (at < 0) return null;
  const ownerId = body.slice(0, at);
  const rest = body.slice(at + 1);
  if (!isId(ownerId) || rest.length < 20) return null;
  return { ownerId, secretHash: sha256(rest) };
}

/** A new session for the owner; the value goes in an HttpOnly cookie. */
export async function createSession(db: Kysely<Database>, ownerId: string, now: number): Promise<string> {
  // Expired sessions go when the owner signs in again, so they never pile up.
  const value = secret();
  await insertSession(
    db,
    {
      owner_id: ownerId,
      secret_hash: sha256(value),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + SESSION_DAYS * 86_400_000).toISOString(),
    },
    new Date(now).toISOString(),
  );
  return `${ownerId}.${value}`;
}

/** The owner of a session cookie, or null; cached like tokens (signing out is a write). */
export async function sessionOwner(
  db: Kysely<Database>,
  cookie: string,
  now: number,
  cache?: ReadCache,
): Promise<string | null> {
  const parsed = parseCredential(cookie, "");
  if (!parsed) return null;
  const load = () => sessionExpiry(db, parsed.ownerId, parsed.secretHash);
  const row = cache ? await cache.read(`session:${parsed.ownerId}:${parsed.secretHash}`, load) : await load();
  return row && row.expires_at > new Date(now).toISOString() ? parsed.ownerId : null;
}

export async function deleteSession(db: Kysely<Database>, cookie: string): Promise<void> {
  const parsed = parseCredential(cookie, "");
  if (!parsed) return;
  await deleteSessionRow(db, parsed.ownerId, parsed.secretHash);
}

/** A new API token, shown once: `gw_<owner>_<secret>`. */
export async function createApiToken(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  nowIso: string,
): Promise<{ id: string; name: string; token: string }> {
  const value = secret();
  const id = newId();
  await insertApiToken(db, {
    owner_id: ownerId,
    id,
    name,
    secret_hash: sha256(value),
    created_at: nowIso,
    last_used_at: null,
    revoked_at: null,
  });
  return { id, name, token: `gw_${ownerId}_${value}` };
}

/**
 * Whose an API token is, and whether it was revoked (then `revokedAt` says when); null when no token
 * has that secret. With a read cache, a token checked before is not read again until something is
 * written (revoking it, for one).
 */
export async function tokenOwner(
  db: Kysely<Database>,
  token: string,
  now: number,
  cache?: ReadCache,
): Promise<{ ownerId: string; revokedAt: string | null } | null> {
  const parsed = parseCredential(token, "gw_");
  if (!parsed) return null;
  const load = () => apiTokenBySecret(db, parsed.ownerId, parsed.secretHash);
  const row = cache
    ? await cache.read(`api-token:${parsed.ownerId}:${parsed.secretHash}`, load)
    : await load();
  if (!row) return null;
  if (row.revoked_at !== null) return { ownerId: parsed.ownerId, revokedAt: row.revoked_at };
  // Noting the last use at most hourly keeps reads from turning into writes.
  const nowIso = new Date(now).toISOString();
  if (row.last_used_at === null || Date.parse(row.last_used_at) < now - 3_600_000) {
    try {
      await noteApiTokenUse(db, parsed.ownerId, row.id, nowIso);
    } catch (error) {
      // Another process holds SQLite's write lock (an import): the note can wait for a later use,
      // the request need not.
      if (storeFailureKind(error) !== "busy") throw error;
    }
  }
  return { ownerId: parsed.ownerId, revokedAt: null };
}

export async function listApiTokens(db: Kysely<Database>, ownerId: string) {
  const rows = await apiTokenRows(db, ownerId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  nowIso: string,
): Promise<void> {
  if ((await revokeApiTokenRow(db, ownerId, id, nowIso)) === 0)
    throw new GoodwillError("not_found", `No active token has the id ${id}.`);
}

/** A new calendar-feed key (the old one stops working): `<owner>.<secret>`. */
export async function rotateCalendarKey(db: Kysely<Database>, ownerId: string): Promise<string> {
  const value = secret();
  await writeSetting(db, ownerId, CALENDAR_KEY_SETTING, sha256(value));
  return `${ownerId}.${value}`;
}

/** Kept in settings so local mode has one too; a backup leaves it out (see backup.ts). */
export const CALENDAR_KEY_SETTING = "secret:calendar_key_hash";

export async function calendarOwner(db: Kysely<Database>, key: string): Promise<string | null> {
  const parsed = parseCredential(key, "");
  if (!parsed) return null;
  const stored = await readSetting(db, parsed.ownerId, CALENDAR_KEY_SETTING);
  if (stored === null) return null;
  const a = Buffer.from(stored);
  const b = Buffer.from(parsed.secretHash);
  return a.length === b.length && timingSafeEqual(a, b) ? parsed.ownerId : null;
}
