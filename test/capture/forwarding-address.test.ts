/** `goodwill forwarding [--new]` and /api/v1/capture/address: made once, shown once, replaced at will. */
import { expect, it } from "vitest";
import { recipientOwner } from "../../src/app/capture/forwarding.js";
import { openStore } from "../../src/storage/store.js";
import { api } from "../http/support.js";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

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
});
