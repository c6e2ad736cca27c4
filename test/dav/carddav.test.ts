import { addressBookMultiGet, type DAVAddressBook, DAVClient } from "tsdav";
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { cli } from "../support/cli.js";
import { describeEachDialect, NOW } from "../support/stores.js";
import { type DavLogin, davRequest, davServer } from "./support.js";

const BOOK = "/dav/addressbooks/goodwill/";

function card(uid: string, name: string, extra = ""): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nN:${name.split(" ").reverse().join(";")};;;\r\nFN:${name}\r\n${extra}END:VCARD\r\n`;
}

async function client(url: string, login: DavLogin) {
  const dav = new DAVClient({
    serverUrl: url,
    credentials: { username: login.username, password: login.password },
    authMethod: "Basic",
    defaultAccountType: "carddav",
  });
  await dav.login();
  const [book] = await dav.fetchAddressBooks();
  if (!book) throw new Error("no address book");
  return { dav, book };
}

/** The sync-collection REPORT as a phone sends it: the hrefs changed, deleted, and the new token. */
async function sync(url: string, login: DavLogin, token: string) {
  const answer = await davRequest(`${url}${BOOK}`, login, "REPORT", {
    headers: { "content-type": "application/xml", depth: "1" },
    body: `<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
  });
  expect(answer.status).toBe(207);
  const changed: string[] = [];
  const deleted: string[] = [];
  for (const [, response = ""] of answer.text.matchAll(/<d:response>(.*?)<\/d:response>/gs)) {
    const href = /<d:href>(.*?)<\/d:href>/.exec(response)?.[1] ?? "";
    const name = decodeURIComponent(href.slice(BOOK.length));
    if (/<d:status>HTTP\/1.1 404/.test(response) && !response.includes("propstat")) deleted.push(name);
    else changed.push(name);
  }
  const next = /<d:sync-token>(.*?)<\/d:sync-token>/.exec(
    answer.text.split("</d:response>").at(-1) ?? "",
  )?.[1];
  return { changed: changed.sort(), deleted: deleted.sort(), token: next ?? "" };
}

function goodwill(store: AppContext["store"], ownerId: string) {
  const ctx: AppContext = { store, db: store.db, ownerId, now: NOW };
  return { ctx, service: journaledService(ctx) };
}

describeEachDialect("CardDAV with a DAV client library (tsdav)", (dialect) => {
  it("a phone finds the address book from the server's address alone", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const wellKnown = await davRequest(`${server.url}/.well-known/carddav`, null, "PROPFIND");
    expect(wellKnown.status).toBe(301);
    expect(wellKnown.headers.get("location")).toBe("/dav/");
    const root = await davRequest(`${server.url}/`, null, "PROPFIND");
    expect([root.status, root.headers.get("location")]).toEqual([301, "/dav/"]);

    const principal = await davRequest(`${server.url}/dav/principal/`, login, "PROPFIND", {
      headers: { depth: "0" },
      body: '<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:addressbook-home-set/></d:prop></d:propfind>',
    });
    expect(principal.text).toContain("<card:addressbook-home-set><d:href>/dav/addressbooks/</d:href>");

    const { book } = await client(server.url, login);
    expect(book.displayName).toBe("Goodwill");
    expect(book.url).toBe(`${server.url}${BOOK}`);
    expect(book.ctag).toBeDefined();
    expect(book.reports).toEqual(["addressbookMultiget", "addressbookQuery", "syncCollection"]);
  });

  it("Thunderbird finds the address book from the server's address, through the well-known redirect", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    // Thunderbird's discovery (CardDAVUtils.detectAddressBooks) for the location "https://host/": its
    // requests and bodies as it sends them; it follows redirects keeping the method and Authorization.
    const ask = async (url: string, depth: 0 | 1, prop: string) => {
      const response = await fetch(url, {
        method: "PROPFIND",
        redirect: "follow",
        headers: {
          authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString("base64")}`,
          depth: String(depth),
        },
        body: `<propfind xmlns="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><prop>${prop}</prop></propfind>`,
      });
      expect(response.status).toBe(207);
      return { url: response.url, text: await response.text() };
    };
    const first = await ask(`${server.url}/.well-known/carddav`, 0, "<current-user-principal/>");
    expect(first.url).toBe(`${server.url}/dav/`);
    const principal = /<d:current-user-principal><d:href>([^<]+)<\/d:href>/.exec(first.text)?.[1] as string;
    const home = await ask(new URL(principal, first.url).href, 0, "<card:addressbook-home-set/>");
    const homeUrl = /<card:addressbook-home-set><d:href>([^<]+)<\/d:href>/.exec(home.text)?.[1] as string;
    const books = await ask(
      new URL(homeUrl, home.url).href,
      1,
      "<resourcetype/><displayname/><current-user-privilege-set/>",
    );
    const found = [...books.text.matchAll(/<d:response>(.*?)<\/d:response>/gs)]
      .map(([, r = ""]) => r)
      .filter((r) => r.includes("<card:addressbook/>") && r.includes("HTTP/1.1 200 OK"));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`<d:href>${BOOK}</d:href>`);
    expect(found[0]).toContain("<d:displayname>Goodwill</d:displayname>");
    expect(found[0]).toContain("<d:privilege><d:write/></d:privilege>");
  });

  it("a card made on the phone is a person in Goodwill at layer 500, and one made in Goodwill reaches the phone", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { dav, book } = await client(server.url, login);
    const created = await dav.createVCard({
      addressBook: book,
      filename: "phone-1.vcf",
      vCardString: card("phone-uid-1", "Priya Raman", "EMAIL;TYPE=work:priya@example.com\r\n"),
    });
    expect(created.status).toBe(201);
    const people = await server.store.db.selectFrom("people").select(["display_name", "layer"]).execute();
    expect(people).toEqual([{ display_name: "Priya Raman", layer: 500 }]);

    const { service } = goodwill(server.store, login.ownerId);
    await service.addPerson({ name: "Kevin Ortiz", emails: ["kevin@example.com"] });
    const cards = await dav.fetchVCards({ addressBook: book });
    const texts = cards.map((c) => String(c.data));
    expect(texts.some((t) => t.includes("FN:Kevin Ortiz") && t.includes("kevin@example.com"))).toBe(true);
    const priya = cards.find((c) => c.url.endsWith("/phone-1.vcf"));
    expect(String(priya?.data)).toContain("UID:phone-uid-1");
  });

  it("an update with the current ETag is applied; one with a stale ETag is refused with 412 and changes nothing", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { dav, book } = await client(server.url, login);
    await dav.createVCard({ addressBook: book, filename: "a.vcf", vCardString: card("a", "Dana Whitfield") });
    const [first] = await dav.fetchVCards({ addressBook: book });
    if (!first) throw new Error("no card");

    const updated = await dav.updateVCard({
      vCard: {
        url: first.url,
        etag: first.etag,
        data: card("a", "Dana Whitfield-Lee", "TEL;TYPE=cell:+44 20 7946 0958\r\n"),
      },
    });
    expect(updated.status).toBe(204);
    const person = await server.store.db
      .selectFrom("people")
      .select("display_name")
      .executeTakeFirstOrThrow();
    expect(person.display_name).toBe("Dana Whitfield-Lee");

    // The first ETag is stale now: a second phone that still had it must not overwrite the edit.
    const stale = await dav.updateVCard({
      vCard: { url: first.url, etag: first.etag, data: card("a", "Dana W") },
    });
    expect(stale.status).toBe(412);
    const again = await server.store.db.selectFrom("people").select("display_name").executeTakeFirstOrThrow();
    expect(again.display_name).toBe("Dana Whitfield-Lee");

    const [now] = await dav.fetchVCards({ addressBook: book });
    expect(now?.etag).not.toBe(first.etag);
    expect(String(now?.data)).toMatch(/TEL;TYPE=cell:\+44 20 7946 0958/i);

    const createOver = await davRequest(first.url, login, "PUT", {
      headers: { "if-none-match": "*", "content-type": "text/vcard" },
      body: card("a", "Someone Else"),
    });
    expect(createOver.status).toBe(412);
  });

  it("a card deleted on the phone removes the person, and its address then answers 404", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { dav, book } = await client(server.url, login);
    await dav.createVCard({ addressBook: book, filename: "gone.vcf", vCardString: card("g", "Raj Patel") });
    const [raj] = await dav.fetchVCards({ addressBook: book });
    if (!raj) throw new Error("no card");
    const deleted = await dav.deleteVCard({ vCard: { url: raj.url, etag: raj.etag } });
    expect(deleted.status).toBe(204);
    expect(await server.store.db.selectFrom("people").select("id").execute()).toEqual([]);
    expect((await davRequest(raj.url, login, "GET")).status).toBe(404);
    expect((await davRequest(raj.url, login, "DELETE")).status).toBe(404);
  });

  it("an incremental sync returns exactly what changed since its token, deletions included", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { dav, book } = await client(server.url, login);
    const { service } = goodwill(server.store, login.ownerId);
    const ann = await service.addPerson({ name: "Ann Lee", emails: ["ann@example.com"] });
    const bob = await service.addPerson({ name: "Bob Stone" });
    const cleo = await service.addPerson({ name: "Cleo Park" });
    const initial = await sync(server.url, login, "");
    expect(initial.changed).toEqual([`${ann.id}.vcf`, `${bob.id}.vcf`, `${cleo.id}.vcf`].sort());
    expect(initial.deleted).toEqual([]);

    const nothing = await sync(server.url, login, initial.token);
    expect(nothing).toEqual({ changed: [], deleted: [], token: initial.token });

    await service.editPerson(ann.id, { title: "Head of IT" });
    await service.removePerson(bob.id);
    await dav.createVCard({ addressBook: book, filename: "new.vcf", vCardString: card("n", "Nadia Haddad") });
    const changes = await sync(server.url, login, initial.token);
    expect(changes.changed).toEqual([`${ann.id}.vcf`, "new.vcf"].sort());
    expect(changes.deleted).toEqual([`${bob.id}.vcf`]);

    // tsdav's own sync agrees: one card updated, one created, one deleted.
    const result = await dav.smartCollectionSyncDetailed({
      collection: {
        ...book,
        syncToken: initial.token,
        objects: [],
        objectMultiGet: addressBookMultiGet,
      } as DAVAddressBook,
      method: "webdav",
      account: dav.account,
    });
    expect(result.objects.created.length + result.objects.updated.length).toBe(2);
    expect(result.objects.deleted.map((d) => d.url)).toEqual([`${server.url}${BOOK}${bob.id}.vcf`]);

    const refused = await davRequest(`${server.url}${BOOK}`, login, "REPORT", {
      headers: { depth: "1" },
      body: '<d:sync-collection xmlns:d="DAV:"><d:sync-token>urn:goodwill:carddav:sync:999</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("valid-sync-token");
  });

  it("an edit made in the CLI reaches the next sync, and so does its undo; a moment, a gift or a note leaves the card and its ETag alone", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    // The CLI opens the store on its own, as another process would.
    const { run } = cli({ db: server.storeUrl });
    expect(
      (await run("person", "add", "Raj Patel", "--email", "raj@example.com", "--org", "Acme")).code,
    ).toBe(0);
    expect((await run("person", "add", "Linda Chen", "--org", "Acme")).code).toBe(0);
    expect((await run("person", "add", "Sam Okafor")).code).toBe(0);
    const people = await server.store.db.selectFrom("people").select(["id", "display_name"]).execute();
    const idOf = (name: string) => people.find((p) => p.display_name === name)?.id as string;
    const rajUrl = `${server.url}${BOOK}${idOf("Raj Patel")}.vcf`;
    const start = await sync(server.url, login, "");
    expect(start.changed).toHaveLength(3);
    const etag = (await davRequest(rajUrl, login, "GET")).headers.get("etag");

    expect((await run("log", "Raj", "Lunch about the VPN")).code).toBe(0);
    expect((await run("gave", "Raj", "Coffee")).code).toBe(0);
    expect((await run("note", "Raj", "Prefers mornings")).code).toBe(0);
    expect(await sync(server.url, login, start.token)).toEqual({
      changed: [],
      deleted: [],
      token: start.token,
    });
    expect((await davRequest(rajUrl, login, "GET")).headers.get("etag")).toBe(etag);

    expect((await run("person", "edit", "Raj", "--title", "Head of IT")).code).toBe(0);
    const edited = await sync(server.url, login, start.token);
    expect(edited).toMatchObject({ changed: [`${idOf("Raj Patel")}.vcf`], deleted: [] });
    const card = await davRequest(rajUrl, login, "GET");
    expect(card.text).toContain("TITLE:Head of IT");
    expect(card.headers.get("etag")).not.toBe(etag);

    expect((await run("undo")).code).toBe(0);
    const undone = await sync(server.url, login, edited.token);
    expect(undone).toMatchObject({ changed: [`${idOf("Raj Patel")}.vcf`], deleted: [] });
    expect((await davRequest(rajUrl, login, "GET")).text).not.toContain("TITLE");

    // A new name of the organization (a restore, a database shell) is on every card that shows it.
    await server.store.db.updateTable("organizations").set({ name: "Acme Ltd" }).execute();
    const renamed = await sync(server.url, login, undone.token);
    expect(renamed.changed).toEqual([`${idOf("Linda Chen")}.vcf`, `${idOf("Raj Patel")}.vcf`].sort());
    expect((await davRequest(rajUrl, login, "GET")).text).toContain("ORG:Acme Ltd");
  });

  it("a contact group from a phone is refused, not made a person; its members' tags are their CATEGORIES", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    for (const kind of ["X-ADDRESSBOOKSERVER-KIND:group", "KIND:group"]) {
      const put = await davRequest(`${server.url}${BOOK}friends.vcf`, login, "PUT", {
        headers: { "content-type": "text/vcard" },
        body: `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:friends\r\nN:Friends;;;\r\nFN:Friends\r\n${kind}\r\nEND:VCARD\r\n`,
      });
      expect(put.status).toBe(403);
      expect(put.text).toContain("Groups are per-contact categories");
    }
    const put = await davRequest(`${server.url}${BOOK}ann.vcf`, login, "PUT", {
      headers: { "content-type": "text/vcard" },
      body: card("ann", "Ann Lee", "CATEGORIES:Friends\r\n"),
    });
    expect(put.status).toBe(201);
    const people = await server.store.db.selectFrom("people").select(["display_name", "tags"]).execute();
    expect(people).toEqual([{ display_name: "Ann Lee", tags: JSON.stringify(["Friends"]) }]);
  });

  it("a card keeps its address across a rename; a person merged away answers 404 and syncs as deleted", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { service } = goodwill(server.store, login.ownerId);
    const jo = await service.addPerson({ name: "Jo Lee", emails: ["jo@example.com"] });
    const jordan = await service.addPerson({
      name: "Jordan Lee",
      phones: ["+1 555 0100"],
      allowDuplicate: true,
    });
    const before = await sync(server.url, login, "");

    await service.editPerson(jordan.id, { name: "Jordan A. Lee" });
    await service.mergePeople(jo.id, jordan.id);
    const after = await sync(server.url, login, before.token);
    expect(after.changed).toEqual([`${jordan.id}.vcf`]);
    expect(after.deleted).toEqual([`${jo.id}.vcf`]);
    const merged = await davRequest(`${server.url}${BOOK}${jordan.id}.vcf`, login, "GET");
    expect(merged.text).toContain("FN:Jordan A. Lee");
    expect(merged.text).toContain("jo@example.com");
    expect((await davRequest(`${server.url}${BOOK}${jo.id}.vcf`, login, "GET")).status).toBe(404);
  });

  it("a new card for someone Goodwill has is merged into them, never a silent duplicate", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { service } = goodwill(server.store, login.ownerId);
    const mark = await service.addPerson({ name: "Mark Brown", emails: ["mark@example.com"], layer: 15 });
    const start = await sync(server.url, login, "");
    const put = await davRequest(`${server.url}${BOOK}from-phone.vcf`, login, "PUT", {
      headers: { "content-type": "text/vcard", "if-none-match": "*" },
      body: card("iphone-77", "Mark Brown", "EMAIL:mark@example.com\r\nTEL;TYPE=cell:+1 555 0199\r\n"),
    });
    expect(put.status).toBe(201);
    const people = await server.store.db.selectFrom("people").select(["id", "layer"]).execute();
    expect(people).toEqual([{ id: mark.id, layer: 15 }]);
    // The phone's address is now Mark's card; the one it had under Goodwill's id goes.
    const changes = await sync(server.url, login, start.token);
    expect(changes).toMatchObject({ changed: ["from-phone.vcf"], deleted: [`${mark.id}.vcf`] });
    const text = (await davRequest(`${server.url}${BOOK}from-phone.vcf`, login, "GET")).text;
    expect(text).toContain("UID:iphone-77");
    expect(text).toContain("+1 555 0199");
  });

  it("the card is served as vCard 4.0 when asked, and the ledger, moments and notes never leave", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { service } = goodwill(server.store, login.ownerId);
    const raj = await service.addPerson({
      name: "Raj Patel",
      emails: ["raj@example.com"],
      phones: ["+44 20 7946 0958"],
    });
    await service.addNote(raj.id, "Secret note about the VPN");
    await service.recordExchange({ personId: raj.id }, { direction: "received", summary: "Secret favour" });
    const url = `${server.url}${BOOK}${raj.id}.vcf`;
    const v3 = await davRequest(url, login, "GET");
    expect(v3.text).toContain("VERSION:3.0");
    expect(v3.text).not.toMatch(/Secret/);
    const v4 = await davRequest(url, login, "GET", { headers: { accept: "text/vcard; version=4.0" } });
    expect(v4.text).toContain("VERSION:4.0");
    expect(v4.text).toContain("FN:Raj Patel");
    expect(v4.text).toContain("raj@example.com");
    expect(v4.headers.get("etag")).toBe(v3.headers.get("etag"));
    const multiget = await davRequest(`${server.url}${BOOK}`, login, "REPORT", {
      headers: { depth: "1" },
      body: `<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data version="4.0"/></d:prop><d:href>${BOOK}${raj.id}.vcf</d:href><d:href>${BOOK}nobody.vcf</d:href></c:addressbook-multiget>`,
    });
    expect(multiget.text).toContain("VERSION:4.0");
    expect(multiget.text).toMatch(/nobody\.vcf<\/d:href><d:status>HTTP\/1.1 404/);
  });

  it("addressbook-query finds cards by FN, EMAIL and TEL", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { service } = goodwill(server.store, login.ownerId);
    const ann = await service.addPerson({ name: "Ann Lee", emails: ["ann@zephyr.example"] });
    const bob = await service.addPerson({ name: "Bob Stone", phones: ["+1 555 0123"] });
    const query = async (prop: string, text: string, type = "contains") => {
      const answer = await davRequest(`${server.url}${BOOK}`, login, "REPORT", {
        headers: { depth: "1" },
        body: `<c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/></d:prop><c:filter><c:prop-filter name="${prop}"><c:text-match collation="i;unicode-casemap" match-type="${type}">${text}</c:text-match></c:prop-filter></c:filter></c:addressbook-query>`,
      });
      return [...answer.text.matchAll(/<d:href>[^<]*\/([^/<]+)\.vcf<\/d:href>/g)].map((m) => m[1]);
    };
    expect(await query("FN", "ann")).toEqual([ann.id]);
    expect(await query("EMAIL", "ZEPHYR")).toEqual([ann.id]);
    expect(await query("TEL", "555 0123")).toEqual([bob.id]);
    expect(await query("FN", "bob", "starts-with")).toEqual([bob.id]);
    expect(await query("FN", "nobody")).toEqual([]);
  });

  it("only a working app password opens the address book, and wrong ones are throttled like sign-in", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const book = `${server.url}${BOOK}`;
    expect((await davRequest(book, null, "PROPFIND")).status).toBe(401);
    expect((await davRequest(book, null, "PROPFIND")).headers.get("www-authenticate")).toMatch(/^Basic/);
    expect((await davRequest(book, login, "PROPFIND", { headers: { depth: "0" } })).status).toBe(207);
    // An app password opens DAV only: the API does not take it.
    const api = await fetch(`${server.url}/api/v1/people`, {
      headers: { authorization: `Bearer ${login.password}` },
    });
    expect(api.status).toBe(401);
    for (let i = 0; i < 5; i++)
      expect((await davRequest(book, { ...login, password: "wrong-guess" }, "PROPFIND")).status).toBe(401);
    const throttled = await davRequest(book, { ...login, password: "wrong-guess" }, "PROPFIND");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers the WebDAV basics litmus would check, where an address book allows them", async () => {
    const server = await davServer(dialect);
    const login = await server.localLogin();
    const { service } = goodwill(server.store, login.ownerId);
    const ann = await service.addPerson({ name: "Ann Lee" });
    const book = `${server.url}${BOOK}`;
    const options = await davRequest(book, null, "OPTIONS");
    expect(options.status).toBe(200);
    expect(options.headers.get("dav")).toBe("1, 3, addressbook");
    expect(options.headers.get("allow")).toContain("PROPFIND");

    const depth0 = await davRequest(book, login, "PROPFIND", { headers: { depth: "0" } });
    expect(depth0.text.match(/<d:response>/g)).toHaveLength(1);
    const depth1 = await davRequest(book, login, "PROPFIND", { headers: { depth: "1" } });
    expect(depth1.text.match(/<d:response>/g)).toHaveLength(2);
    expect(depth1.text).toContain(`${BOOK}${ann.id}.vcf`);

    const unknown = await davRequest(`${book}${ann.id}.vcf`, login, "PROPFIND", {
      headers: { depth: "0" },
      body: '<propfind xmlns="DAV:"><prop><getetag/><foo xmlns="http://example.com/neon/litmus/"/></prop></propfind>',
    });
    expect(unknown.text).toMatch(/<d:getetag>"[0-9a-f]{32}"<\/d:getetag>.*HTTP\/1.1 200/s);
    expect(unknown.text).toMatch(
      /<x:foo xmlns:x="http:\/\/example.com\/neon\/litmus\/"\/><\/d:prop><d:status>HTTP\/1.1 404/,
    );

    const names = await davRequest(book, login, "PROPFIND", {
      headers: { depth: "0" },
      body: '<D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>',
    });
    expect(names.text).toContain("<cs:getctag/>");

    const malformed = await davRequest(book, login, "PROPFIND", { body: "<propfind xmlns='DAV:'><prop>" });
    expect(malformed.status).toBe(400);
    const patch = await davRequest(book, login, "PROPPATCH", {
      body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Mine</D:displayname></D:prop></D:set></D:propertyupdate>',
    });
    expect(patch.status).toBe(207);
    expect(patch.text).toMatch(/<d:displayname\/><\/d:prop><d:status>HTTP\/1.1 403/);
    expect((await davRequest(`${book}sub/`, login, "MKCOL")).status).toBe(403);
    expect((await davRequest(`${book}missing.vcf`, login, "DELETE")).status).toBe(404);
    const notACard = await davRequest(`${book}x.vcf`, login, "PUT", {
      headers: { "content-type": "text/vcard" },
      body: "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nEND:VCARD\r\n",
    });
    expect(notACard.status).toBe(400);
    expect(notACard.text).toContain("exactly one vCard");
  });
});
