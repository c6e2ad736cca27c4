/** `goodwill forwarding [--new]` and /api/v1/capture/address: made once, shown once, replaced at will. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { recipientOwner } from "../../src/app/capture/forwarding.js";
import { startServer } from "../../src/http/server.js";
import { openStore } from "../../src/storage/store.js";
import { api } from "../http/support.js";
import { cli, runCommand } from "../support/cli.js";
import { describeEachDialect, freshStore, NOW } from "../support/stores.js";

describeEachDialect("the forwarding address: goodwill forwarding and the API", (dialect) => {
  it("the CLI makes an address shown once; afterwards it says when; --new replaces it", async () => {
    const { run, db } = cli({ dialect, env: { GOODWILL_MAIL_DOMAIN: "log.example.com" } });
    const none = await run("forwarding");
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(
      "You have no forwarding address yet. Make one with goodwill forwarding --new.",
    );

    const made = await run("forwarding", "--new");
    expect(made.code).toBe(0);
    const address = /log-[a-z2-7]{20}@log\.example\.com/.exec(made.stdout)?.[0] as string;
    expect(made.stdout).toContain(`Your forwarding address: ${address}`);

    const later = (await run("forwarding", "--json")).json();
    expect(later).toEqual({
      address: null,
      createdAt: "2026-11-25T12:00:00.000Z",
      domain: "log.example.com",
    });
    expect((await run("forwarding")).stdout).toContain("You made a forwarding address on 2026-11-25");

    const renewed = (await run("forwarding", "--new", "--mail-domain", "other.example", "--json")).json();
    expect(renewed.address).toMatch(/^log-[a-z2-7]{20}@other\.example$/);
    const store = await openStore(await db);
    try {
      expect(await recipientOwner(store.db, address)).toBeNull();
      expect(await recipientOwner(store.db, renewed.address)).not.toBeNull();
      // Any domain and any case reach the same account: the secret is the address.
      expect(
        await recipientOwner(store.db, renewed.address.toUpperCase().replace("OTHER.EXAMPLE", "x.org")),
      ).toBe(await recipientOwner(store.db, renewed.address));
    } finally {
      await store.close();
    }
  });

  it("the API: GET says whether there is one, POST makes one per account", async () => {
    const { call, account, store } = await api(dialect);
    const ann = await account("ann@example.com");
    const bob = await account("bob@example.com");
    expect((await call("GET", "/api/v1/capture/address", { token: ann.token })).body).toEqual({
      address: null,
      createdAt: null,
      domain: "localhost",
    });
    const made = await call("POST", "/api/v1/capture/address", { token: ann.token });
    expect(made.status).toBe(201);
    expect(made.body.address).toMatch(/^log-[a-z2-7]{20}@localhost$/);
    expect(await recipientOwner(store.db, made.body.address)).toBe(ann.ownerId);
    expect((await call("GET", "/api/v1/capture/address", { token: ann.token })).body.createdAt).toBe(
      "2026-11-25T12:00:00.000Z",
    );
    expect((await call("GET", "/api/v1/capture/address", { token: bob.token })).body.createdAt).toBeNull();
  });

  it("against a team server the CLI asks its API: the server's domain, the token's account", async () => {
    const { store } = await freshStore(dialect);
    const server = await startServer({
      store,
      host: "127.0.0.1",
      port: 0,
      log: false,
      env: { GOODWILL_PUBLIC_URL: "https://goodwill.example.com" },
      reminders: { timer: false },
    });
    try {
      const at = new Date(NOW).toISOString();
      const ann = await addUser(
        store.db,
        { email: "ann@example.com", name: null, password: "correct horse battery" },
        at,
      );
      const { token } = await createApiToken(store.db, ann.ownerId, "cli", at);
      const env = {
        HOME: mkdtempSync(join(tmpdir(), "goodwill-home-")),
        GOODWILL_SERVER_URL: server.url,
        GOODWILL_TOKEN: token,
      };
      const made = (await runCommand(["forwarding", "--new", "--json"], env)).json();
      expect(made.address).toMatch(/^log-[a-z2-7]{20}@goodwill\.example\.com$/);
      expect(await recipientOwner(store.db, made.address)).toBe(ann.ownerId);
      expect((await runCommand(["forwarding", "--json"], env)).json()).toEqual({
        address: null,
        createdAt: made.createdAt,
        domain: "goodwill.example.com",
      });
    } finally {
      await server.close();
    }
  });
});
