/** `goodwill token create|list|revoke --dav`: app passwords for phones, from the command line. */
import { davOwnerFor, davPasswordFor, davPasswords, revokeDav } from "../app/dav-passwords.js";
import type { Store } from "../storage/store.js";
import { ADDRESS_BOOK } from "./dav-app.js";

type UserFlag = { user?: string };

export async function davToken(store: Store, now: number, flags: UserFlag & { name: string }) {
  const made = await davPasswordFor(store.db, flags.user, flags.name === "cli" ? "phone" : flags.name, now);
  return {
    json: {
      id: made.id,
      name: made.name,
      password: made.password,
      username: made.username,
      path: ADDRESS_BOOK,
    },
    human: () =>
      [
        `App password for ${made.name}: ${made.password}`,
        "(shown once; it opens the address book only.)",
        `On the phone: server https://YOUR-SERVER${ADDRESS_BOOK} (or just https://YOUR-SERVER),`,
        `user name ${made.username}, this password. See "Your contacts on your phone" in the README.`,
      ].join("\n"),
  };
}

/** An owner's app passwords, revoked ones included, and the user name they go with. */
export async function davTokenList(store: Store, now: number, flags: UserFlag) {
  const { ownerId, username } = await davOwnerFor(store.db, flags.user, new Date(now).toISOString());
  const passwords = await davPasswords(store.db, ownerId);
  return { username, passwords, lines: passwords.map(davPasswordLine) };
}

/** One app password as `token list` shows it: id, name, when made, last used, revoked. */
export function davPasswordLine(p: Awaited<ReturnType<typeof davPasswords>>[number]): string {
  const used = p.lastUsedAt ? `last used ${p.lastUsedAt.slice(0, 10)}` : "never used";
  return `${p.id}  ${p.name}  created ${p.createdAt.slice(0, 10)}  ${used}${p.revokedAt ? "  revoked" : ""}`;
}

export async function davTokenRevoke(store: Store, now: number, id: string, flags: UserFlag) {
  const at = new Date(now).toISOString();
  const { ownerId } = await davOwnerFor(store.db, flags.user, at);
  await revokeDav(store.db, ownerId, id, at);
  return {
    json: { revoked: id },
    human: () => `Revoked the app password ${id}: the phone that uses it can no longer sync.`,
  };
}
