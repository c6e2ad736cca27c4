/** A real Goodwill server on a free port over a fresh store, for DAV clients that need a socket. */
import { afterEach } from "vitest";
import { addUser } from "../../src/app/accounts.js";
import { createDavPassword } from "../../src/app/dav-passwords.js";
import { startServer } from "../../src/http/server.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { freshStore, NOW, type TestDialect } from "../support/stores.js";

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.();
});

export interface DavLogin {
  ownerId: string;
  username: string;
  password: string;
}

/** `goodwill serve` on 127.0.0.1 and a free port, with ways to make app passwords. */
export async function davServer(dialect: TestDialect) {
  const { store, url: storeUrl } = await freshStore(dialect);
  const server = await startServer({
    store,
    host: "127.0.0.1",
    port: 0,
    log: false,
    env: {},
    reminders: { clock: () => NOW, timer: false },
  });
  running.push(() => server.close());
  const at = new Date(NOW).toISOString();
  return {
    store,
    storeUrl,
    url: server.url,
    /** An app password for the local owner (a store without accounts). */
    async localLogin(): Promise<DavLogin> {
      const owner = await ensureLocalOwner(store.db, at);
      const { password } = await createDavPassword(store.db, owner.id, "test phone", at);
      return { ownerId: owner.id, username: "me", password };
    },
    /** An account, and an app password of it. */
    async accountLogin(email: string): Promise<DavLogin> {
      const user = await addUser(
        store.db,
        { email, name: email.split("@")[0] ?? null, password: "correct horse battery" },
        at,
      );
      const { password } = await createDavPassword(store.db, user.ownerId, "test phone", at);
      return { ownerId: user.ownerId, username: email, password };
    },
  };
}

/** A request with Basic credentials; the answer's status, text and headers. */
export async function davRequest(
  url: string,
  login: DavLogin | null,
  method: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (login)
    headers.authorization = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString("base64")}`;
  const response = await fetch(url, {
    method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}
