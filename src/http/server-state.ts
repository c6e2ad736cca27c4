/** What one server keeps for its lifetime: the clock, the mode, the login throttle, the one-time link. */
import { hasAccounts } from "../app/accounts.js";
import { reminderEnvironment } from "../app/reminders/environment.js";
import { ensureLocalOwner, getOwner } from "../storage/owner.repository.js";
import type { ServerOptions, ServerState } from "./env.js";
import { LoginThrottle } from "./login-throttle.js";

export function createServerState(options: ServerOptions): ServerState {
  const now = options.clock ?? Date.now;
  const { db, readCache } = options.store;
  let localToken = options.localLoginToken;
  let teamMode: boolean | null = null;
  const state: ServerState = {
    options,
    now,
    async localOwnerId() {
      // Accounts can be added while the server runs (goodwill user add); check until one exists.
      if (teamMode !== true) teamMode = await hasAccounts(db);
      if (teamMode) return null;
      return (await ensureLocalOwner(db, new Date(now()).toISOString())).id;
    },
    async mayActAs(ownerId) {
      if ((await state.localOwnerId()) !== null) return true;
      const owner = await readCache.read(`owner:${ownerId}`, () => getOwner(db, ownerId));
      return owner?.kind === "account";
    },
    throttle: new LoginThrottle(db, now),
    restoresRunning: 0,
    reminderEnv: options.reminders?.env ?? (() => reminderEnvironment(process.env, "http://localhost")),
    consumeLocalLoginToken(token) {
      if (!localToken || token !== localToken) return false;
      localToken = undefined;
      return true;
    },
  };
  return state;
}
