import { expect, it } from "vitest";
import { correspondent, suggest } from "../capture/inbox-rows.js";
import { describeEachDialect } from "../support/stores.js";
import { api, HOST } from "./support.js";

/**
 * Two accounts on one server. Every route of the OpenAPI document is called by B with A's ids in
 * every place an id can go; none may read, change, delete, search, export or attach to A's records.
 */
describeEachDialect("isolation between accounts", (dialect) => {
  it("no route of the OpenAPI document lets one account reach another's data", async () => {
    const { call, account, store } = await api(dialect);
    const a = await account("ann@example.com");
    const b = await account("bob@example.com");
    const A = { token: a.token };
    const B = { token: b.token };

    // Ann's data, with words that must never show up for Bob.
    await call("PUT", "/api/v1/profile", {
      ...A,
      body: { name: "Ann", organization: "Zephyrcorp", department: "Quillwork" },
    });
    const zeb = (
      await call("POST", "/api/v1/people", {
        ...A,
        body: {
          name: "Zebediah Quuxley",
          department: "IT",
          emails: ["zeb@zephyr.example"],
          tags: ["xylophonist"],
        },
      })
    ).body;
    const dept = (await call("GET", "/api/v1/departments", A)).body.departments.find(
      (d: { name: string }) => d.name === "IT",
    );
    const entry = (
      await call("POST", "/api/v1/exchanges", {
        ...A,
        body: { personId: zeb.id, direction: "received", summary: "Xylophone repair secret" },
      })
    ).body.entry;
    await call("POST", "/api/v1/exchanges", {
      ...A,
      body: { departmentId: dept.id, direction: "received", summary: "Xylophone department secret" },
    });
    const moment = (
      await call("POST", "/api/v1/interactions", {
        ...A,
        body: { personIds: [zeb.id], summary: "Xylophone lunch" },
      })
    ).body.interaction;
    const note = (
      await call("POST", `/api/v1/people/${zeb.id}/notes`, { ...A, body: { body: "Xylophone note" } })
    ).body.note;
    const ask = (
      await call("POST", "/api/v1/asks", { ...A, body: { personId: zeb.id, summary: "Xylophone ask" } })
    ).body.ask;
    const promise = (
      await call("POST", "/api/v1/commitments", {
        ...A,
        body: { personId: zeb.id, summary: "Xylophone promise" },
      })
    ).body.commitment;
    const need = (
      await call("POST", "/api/v1/needs", { ...A, body: { personId: zeb.id, text: "Xylophone tuner" } })
    ).body.need;
    const offer = (
      await call("POST", "/api/v1/offers", { ...A, body: { personId: zeb.id, text: "Xylophone lessons" } })
    ).body.offer;
    const ownOffer = (await call("POST", "/api/v1/own-offers", { ...A, body: { text: "Xylophone tuning" } }))
      .body.ownOffer;
    const other = (
      await call("POST", "/api/v1/people", {
        ...A,
        body: { name: "Xavier Quill", metText: "Xylophone gala", metOn: "2026-10-01" },
      })
    ).body;
    // Ann's event: three people she first met at the same gala
    for (const name of ["Xena Quill", "Xander Quill"])
      await call("POST", "/api/v1/people", {
        ...A,
        body: { name, metText: "Xylophone gala", metOn: "2026-10-01" },
      });
    const event = (await call("GET", "/api/v1/events", A)).body.events[0];
    expect(event?.name).toBe("Xylophone gala");
    const intro = (
      await call("POST", "/api/v1/introductions", {
        ...A,
        body: { aId: zeb.id, bId: other.id, reason: "Xylophone duet" },
      })
    ).body.introduction;
    // Ann's Inbox: a suggestion from her mail and someone she writes to often.
    const annItem = await suggest(store.db, a.ownerId, {
      kind: "gave",
      personId: zeb.id,
      summary: "Xylophone intro",
      because: "thanks for the xylophone intro",
      at: "2026-11-02T09:00:00.000Z",
    });
    await correspondent(store.db, a.ownerId, {
      email: "xylophonist@zephyr.example",
      name: "Xylophone Quill",
      messages: 3,
      lastAt: "2026-11-02T09:00:00.000Z",
    });
    const annChange = (await call("GET", "/api/v1/undo", A)).body.entries[0];
    const annToken = (await call("POST", "/api/v1/tokens", { ...A, body: { name: "ann-laptop" } })).body;
    const annPhone = (await call("POST", "/api/v1/dav-passwords", { ...A, body: { name: "ann-phone" } }))
      .body;
    const before = (await call("GET", "/api/v1/export?format=json", A)).body;
    // a cursor into Ann's timeline, to try on Bob's person
    const timelineCursor = encodeURIComponent(
      (await call("GET", `/api/v1/people/${zeb.id}/timeline?limit=1`, A)).body.next,
    );

    // Bob has a person of his own, to try attaching Ann's records to.
    const bobs = (await call("POST", "/api/v1/people", { ...B, body: { name: "Bob's friend" } })).body;
    const vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zebediah Q\r\nEMAIL:zeb@zephyr.example\r\nEND:VCARD\r\n";

    // Ann's reminders: an address, a webhook and a browser, and a forged link to one of her actions.
    await call("PATCH", "/api/v1/reminders", {
      ...A,
      body: {
        email: { address: "xylophone@zephyr.example" },
        webhook: { url: "https://zephyr.example/xylophone-hook" },
      },
    });
    const annSubscription = (
      await call("POST", "/api/v1/reminders/push-subscriptions", {
        ...A,
        body: {
          endpoint: "https://push.example/xylophone",
          keys: { p256dh: "BPxylophone", auth: "xylophone" },
        },
      })
    ).body.subscription;
    const annReminders = (await call("GET", "/api/v1/reminders", A)).body;
    const forgedLink = `${Buffer.from(JSON.stringify({ v: 1, o: a.ownerId, a: "thanked", t: "person", i: zeb.id, n: "x", s: null, e: 9e15, x: "n" })).toString("base64url")}.forged-signature-forged-signature-forged`;
    const forgedUnsubscribe = `${Buffer.from(JSON.stringify({ v: 1, o: a.ownerId, u: "email", a: "xylophone@zephyr.example" })).toString("base64url")}.forged-signature-forged-signature-forged`;

    const doc = (await call("GET", "/openapi.json")).body;
    type Attempt = {
      method: string;
      path: string;
      body?: unknown;
      raw?: string;
      expect: "404" | "clean" | "own";
    };
    const plans: Record<string, Attempt[]> = {
      // public: answers anyone, with nothing but the server's own state
      "get /healthz": [{ method: "GET", path: "/healthz", expect: "clean" }],
      "get /api/v1/mode": [{ method: "GET", path: "/api/v1/mode", expect: "clean" }],
      "get /api/v1/auth/local": [{ method: "GET", path: "/api/v1/auth/local?token=guess", expect: "own" }],
      "post /api/v1/auth/login": [
        {
          method: "POST",
          path: "/api/v1/auth/login",
          body: { email: "ann@example.com", password: "guess" },
          expect: "own",
        },
      ],
      "post /api/v1/auth/token": [
        {
          method: "POST",
          path: "/api/v1/auth/token",
          body: { email: "ann@example.com", password: "guess" },
          expect: "own",
        },
      ],
      "post /api/v1/auth/logout": [{ method: "POST", path: "/api/v1/auth/logout", expect: "clean" }],
      // only ever one's own password: Bob, with Ann's password as his "current" one, changes nothing
      "post /api/v1/auth/password": [
        {
          method: "POST",
          path: "/api/v1/auth/password",
          body: { currentPassword: "ann's password, guessed", newPassword: "taken over at last" },
          expect: "clean",
        },
      ],
      "get /api/v1/auth/me": [{ method: "GET", path: "/api/v1/auth/me", expect: "clean" }],
      "get /api/v1/auth/session": [{ method: "GET", path: "/api/v1/auth/session", expect: "clean" }],
      "get /api/v1/tokens": [{ method: "GET", path: "/api/v1/tokens", expect: "clean" }],
      "post /api/v1/tokens": [
        { method: "POST", path: "/api/v1/tokens", body: { name: "bob" }, expect: "clean" },
      ],
      "delete /api/v1/tokens/{id}": [
        { method: "DELETE", path: `/api/v1/tokens/${annToken.id}`, expect: "404" },
      ],
      "get /api/v1/dav-passwords": [{ method: "GET", path: "/api/v1/dav-passwords", expect: "clean" }],
      // Bob's forwarding address is his own; whether Ann has one is not his to see.
      "get /api/v1/capture/address": [{ method: "GET", path: "/api/v1/capture/address", expect: "clean" }],
      "post /api/v1/capture/address": [{ method: "POST", path: "/api/v1/capture/address", expect: "own" }],
      "post /api/v1/dav-passwords": [
        { method: "POST", path: "/api/v1/dav-passwords", body: { name: "bob-phone" }, expect: "clean" },
      ],
      "delete /api/v1/dav-passwords/{id}": [
        { method: "DELETE", path: `/api/v1/dav-passwords/${annPhone.id}`, expect: "404" },
      ],
      "get /api/v1/people": [{ method: "GET", path: "/api/v1/people?q=zeb", expect: "clean" }],
      "post /api/v1/people": [
        {
          method: "POST",
          path: "/api/v1/people",
          body: { name: "Bob's second", metThrough: zeb.id },
          expect: "404",
        },
        // Ann's person is no duplicate of Bob's: the duplicate check passes (not 409), then Ann's
        // id as metThrough is unknown.
        {
          method: "POST",
          path: "/api/v1/people",
          body: { name: "Zebediah Quuxley", emails: ["zeb@zephyr.example"], metThrough: zeb.id },
          expect: "404",
        },
      ],
      "post /api/v1/people/bulk": [
        {
          method: "POST",
          path: "/api/v1/people/bulk",
          body: { ids: [zeb.id], addTags: ["hacked"] },
          expect: "404",
        },
        {
          method: "POST",
          path: "/api/v1/people/bulk",
          body: { ids: [bobs.id, zeb.id], delete: true },
          expect: "404",
        },
      ],
      "get /api/v1/people/duplicates": [
        { method: "GET", path: "/api/v1/people/duplicates", expect: "clean" },
      ],
      "post /api/v1/people/distinct": [
        { method: "POST", path: "/api/v1/people/distinct", body: { a: zeb.id, b: bobs.id }, expect: "404" },
        { method: "POST", path: "/api/v1/people/distinct", body: { a: bobs.id, b: other.id }, expect: "404" },
      ],
      "get /api/v1/people/{id}": [
        { method: "GET", path: `/api/v1/people/${zeb.id}`, expect: "404" },
        { method: "GET", path: "/api/v1/people/zeb@zephyr.example", expect: "404" },
        { method: "GET", path: "/api/v1/people/Zebediah", expect: "404" },
      ],
      "patch /api/v1/people/{id}": [
        { method: "PATCH", path: `/api/v1/people/${zeb.id}`, body: { title: "hacked" }, expect: "404" },
      ],
      "delete /api/v1/people/{id}": [{ method: "DELETE", path: `/api/v1/people/${zeb.id}`, expect: "404" }],
      "post /api/v1/people/{id}/merge": [
        { method: "POST", path: `/api/v1/people/${zeb.id}/merge`, body: { into: bobs.id }, expect: "404" },
        { method: "POST", path: `/api/v1/people/${bobs.id}/merge`, body: { into: zeb.id }, expect: "404" },
      ],
      "get /api/v1/people/{id}/overview": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/overview`, expect: "404" },
      ],
      "get /api/v1/people/{id}/balance-history": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/balance-history`, expect: "404" },
      ],
      "get /api/v1/people/{id}/history": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/history`, expect: "404" },
      ],
      "get /api/v1/people/{id}/timeline": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/timeline`, expect: "404" },
        {
          method: "GET",
          path: `/api/v1/people/${bobs.id}/timeline?before=${timelineCursor}`,
          expect: "clean",
        },
      ],
      "get /api/v1/organizations": [{ method: "GET", path: "/api/v1/organizations", expect: "clean" }],
      "get /api/v1/tags": [{ method: "GET", path: "/api/v1/tags", expect: "clean" }],
      "get /api/v1/people/{id}/score": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/score`, expect: "404" },
      ],
      "post /api/v1/people/{id}/notes": [
        { method: "POST", path: `/api/v1/people/${zeb.id}/notes`, body: { body: "x" }, expect: "404" },
      ],
      "get /api/v1/people/{id}/suggestions": [
        { method: "GET", path: `/api/v1/people/${zeb.id}/suggestions`, expect: "404" },
      ],
      "post /api/v1/exchanges": [
        {
          method: "POST",
          path: "/api/v1/exchanges",
          body: { personId: zeb.id, direction: "gave", summary: "x" },
          expect: "404",
        },
        {
          method: "POST",
          path: "/api/v1/exchanges",
          body: { departmentId: dept.id, direction: "gave", summary: "x" },
          expect: "404",
        },
        {
          method: "POST",
          path: "/api/v1/exchanges",
          body: { department: "IT", direction: "gave", summary: "x" },
          expect: "404",
        },
      ],
      "post /api/v1/interactions": [
        {
          method: "POST",
          path: "/api/v1/interactions",
          body: { personIds: [bobs.id, zeb.id], summary: "x" },
          expect: "404",
        },
      ],
      "get /api/v1/asks": [{ method: "GET", path: "/api/v1/asks", expect: "clean" }],
      "get /api/v1/asks/check": [
        { method: "GET", path: `/api/v1/asks/check?personId=${zeb.id}`, expect: "404" },
        { method: "GET", path: `/api/v1/asks/check?departmentId=${dept.id}`, expect: "404" },
      ],
      "post /api/v1/asks": [
        { method: "POST", path: "/api/v1/asks", body: { personId: zeb.id, summary: "x" }, expect: "404" },
      ],
      "post /api/v1/asks/{ref}/fulfill": [
        { method: "POST", path: `/api/v1/asks/${ask.id}/fulfill`, body: {}, expect: "404" },
      ],
      "post /api/v1/asks/{ref}/decline": [
        { method: "POST", path: `/api/v1/asks/${ask.id}/decline`, expect: "404" },
      ],
      "post /api/v1/asks/{ref}/withdraw": [
        { method: "POST", path: `/api/v1/asks/${ask.id}/withdraw`, expect: "404" },
      ],
      "get /api/v1/commitments": [{ method: "GET", path: "/api/v1/commitments?all=true", expect: "clean" }],
      "post /api/v1/commitments": [
        {
          method: "POST",
          path: "/api/v1/commitments",
          body: { personId: zeb.id, summary: "x" },
          expect: "404",
        },
      ],
      "post /api/v1/commitments/{ref}/done": [
        { method: "POST", path: `/api/v1/commitments/${promise.id}/done`, expect: "404" },
      ],
      "get /api/v1/needs": [
        { method: "GET", path: "/api/v1/needs?all=true", expect: "clean" },
        { method: "GET", path: `/api/v1/needs?personId=${zeb.id}`, expect: "404" },
      ],
      "post /api/v1/needs": [
        { method: "POST", path: "/api/v1/needs", body: { personId: zeb.id, text: "x" }, expect: "404" },
      ],
      "patch /api/v1/needs/{ref}": [
        { method: "PATCH", path: `/api/v1/needs/${need.id}`, body: { text: "x" }, expect: "404" },
      ],
      "post /api/v1/needs/{ref}/met": [
        { method: "POST", path: `/api/v1/needs/${need.id}/met`, body: { by: "me" }, expect: "404" },
      ],
      "post /api/v1/needs/{ref}/drop": [
        { method: "POST", path: `/api/v1/needs/${need.id}/drop`, expect: "404" },
      ],
      "get /api/v1/offers": [
        { method: "GET", path: "/api/v1/offers?all=true", expect: "clean" },
        { method: "GET", path: `/api/v1/offers?personId=${zeb.id}`, expect: "404" },
      ],
      "post /api/v1/offers": [
        { method: "POST", path: "/api/v1/offers", body: { personId: zeb.id, text: "x" }, expect: "404" },
      ],
      "patch /api/v1/offers/{ref}": [
        { method: "PATCH", path: `/api/v1/offers/${offer.id}`, body: { text: "x" }, expect: "404" },
      ],
      "post /api/v1/offers/{ref}/withdraw": [
        { method: "POST", path: `/api/v1/offers/${offer.id}/withdraw`, expect: "404" },
      ],
      // Ann's own offers: Bob lists, adds, rewords, withdraws and deletes only his own.
      "get /api/v1/own-offers": [{ method: "GET", path: "/api/v1/own-offers?all=true", expect: "clean" }],
      "post /api/v1/own-offers": [
        { method: "POST", path: "/api/v1/own-offers", body: { text: "x" }, expect: "clean" },
      ],
      "patch /api/v1/own-offers/{ref}": [
        { method: "PATCH", path: `/api/v1/own-offers/${ownOffer.id}`, body: { text: "x" }, expect: "404" },
      ],
      "post /api/v1/own-offers/{ref}/withdraw": [
        { method: "POST", path: `/api/v1/own-offers/${ownOffer.id}/withdraw`, expect: "404" },
      ],
      "delete /api/v1/own-offers/{ref}": [
        { method: "DELETE", path: `/api/v1/own-offers/${ownOffer.id}`, expect: "404" },
      ],
      "get /api/v1/events": [{ method: "GET", path: "/api/v1/events", expect: "clean" }],
      "post /api/v1/events/{id}/rhythm": [
        {
          method: "POST",
          path: `/api/v1/events/${encodeURIComponent(event.id)}/rhythm`,
          body: {},
          expect: "404",
        },
        { method: "POST", path: "/api/v1/events/Xylophone%20gala/rhythm", body: {}, expect: "404" },
      ],
      "get /api/v1/introductions": [{ method: "GET", path: "/api/v1/introductions", expect: "clean" }],
      "post /api/v1/introductions": [
        {
          method: "POST",
          path: "/api/v1/introductions",
          body: { aId: zeb.id, bId: bobs.id, reason: "x" },
          expect: "404",
        },
        {
          method: "POST",
          path: "/api/v1/introductions",
          body: { aId: bobs.id, bId: zeb.id, reason: "x" },
          expect: "404",
        },
      ],
      "post /api/v1/introductions/{ref}/status": [
        {
          method: "POST",
          path: `/api/v1/introductions/${intro.id}/status`,
          body: { move: "a_agreed" },
          expect: "404",
        },
      ],
      // Corrections: Ann's ids, by id and by the short ids the CLI prints, are no one's to Bob.
      ...Object.fromEntries(
        (
          [
            ["exchanges", entry.id, { summary: "hacked", personId: bobs.id }],
            ["interactions", moment.id, { summary: "hacked", personIds: [bobs.id] }],
            ["notes", note.id, { body: "hacked" }],
            ["commitments", promise.id, { summary: "hacked" }],
            ["asks", ask.id, { summary: "hacked" }],
            ["introductions", intro.id, { reason: "hacked" }],
          ] as const
        ).flatMap(([resource, id, body]) => [
          [
            `patch /api/v1/${resource}/{ref}`,
            [
              { method: "PATCH", path: `/api/v1/${resource}/${id}`, body, expect: "404" as const },
              { method: "PATCH", path: `/api/v1/${resource}/${id.slice(-8)}`, body, expect: "404" as const },
            ],
          ],
          [
            `delete /api/v1/${resource}/{ref}`,
            [{ method: "DELETE", path: `/api/v1/${resource}/${id}`, expect: "404" as const }],
          ],
        ]),
      ),
      "delete /api/v1/needs/{ref}": [{ method: "DELETE", path: `/api/v1/needs/${need.id}`, expect: "404" }],
      "delete /api/v1/offers/{ref}": [
        { method: "DELETE", path: `/api/v1/offers/${offer.id}`, expect: "404" },
      ],
      "get /api/v1/inbox": [{ method: "GET", path: "/api/v1/inbox", expect: "clean" }],
      "get /api/v1/inbox/people": [{ method: "GET", path: "/api/v1/inbox/people", expect: "clean" }],
      "patch /api/v1/inbox/{ref}": [
        { method: "PATCH", path: `/api/v1/inbox/${annItem}`, body: { summary: "hacked" }, expect: "404" },
        { method: "PATCH", path: "/api/v1/inbox/1", body: { summary: "hacked" }, expect: "404" },
      ],
      "post /api/v1/inbox/{ref}/accept": [
        { method: "POST", path: `/api/v1/inbox/${annItem}/accept`, expect: "404" },
        { method: "POST", path: `/api/v1/inbox/${annItem}/accept`, body: { person: bobs.id }, expect: "404" },
      ],
      "post /api/v1/inbox/dismiss": [
        { method: "POST", path: "/api/v1/inbox/dismiss", body: { ids: [annItem] }, expect: "404" },
      ],
      "post /api/v1/inbox/people/add": [
        {
          method: "POST",
          path: "/api/v1/inbox/people/add",
          body: { people: ["xylophonist@zephyr.example"] },
          expect: "404",
        },
        { method: "POST", path: "/api/v1/inbox/people/add", body: { people: ["1"] }, expect: "404" },
      ],
      "post /api/v1/inbox/people/dismiss": [
        { method: "POST", path: "/api/v1/inbox/people/dismiss", body: { people: ["1"] }, expect: "404" },
      ],
      "get /api/v1/undo": [{ method: "GET", path: "/api/v1/undo?limit=200", expect: "clean" }],
      "post /api/v1/undo/{ref}": [{ method: "POST", path: `/api/v1/undo/${annChange.id}`, expect: "404" }],
      // Bob's newest change is his own: undoing it touches nothing of Ann's (her export is compared below).
      "post /api/v1/undo": [{ method: "POST", path: "/api/v1/undo", expect: "own" }],
      "get /api/v1/map": [
        { method: "GET", path: "/api/v1/map?org=Zephyrcorp", expect: "404" },
        { method: "GET", path: "/api/v1/map?org=Bobco", expect: "clean" },
      ],
      "get /api/v1/week": [{ method: "GET", path: "/api/v1/week", expect: "clean" }],
      "get /api/v1/today": [{ method: "GET", path: "/api/v1/today?all=true", expect: "clean" }],
      "get /api/v1/ledger": [
        { method: "GET", path: "/api/v1/ledger", expect: "clean" },
        { method: "GET", path: `/api/v1/ledger?subject=${zeb.id}`, expect: "404" },
        { method: "GET", path: "/api/v1/ledger?subject=dept:IT", expect: "404" },
        { method: "GET", path: "/api/v1/ledger?subject=org:Zephyrcorp", expect: "404" },
        { method: "GET", path: "/api/v1/ledger?by=dept", expect: "clean" },
      ],
      "get /api/v1/suggestions": [{ method: "GET", path: "/api/v1/suggestions", expect: "clean" }],
      "get /api/v1/search": [{ method: "GET", path: "/api/v1/search?q=xylophone", expect: "clean" }],
      "get /api/v1/profile": [{ method: "GET", path: "/api/v1/profile", expect: "clean" }],
      "put /api/v1/profile": [
        {
          method: "PUT",
          path: "/api/v1/profile",
          body: { name: "Bob", organization: "Zephyrcorp" },
          expect: "own",
        },
      ],
      "get /api/v1/departments": [{ method: "GET", path: "/api/v1/departments", expect: "clean" }],
      "get /api/v1/departments/{id}/suggestions": [
        { method: "GET", path: `/api/v1/departments/${dept.id}/suggestions`, expect: "404" },
      ],
      "post /api/v1/departments": [
        {
          method: "POST",
          path: "/api/v1/departments",
          body: { name: "Legal", organization: "Bobco" },
          expect: "clean",
        },
      ],
      "get /api/v1/resolve": [
        { method: "GET", path: `/api/v1/resolve?who=${zeb.id}`, expect: "404" },
        { method: "GET", path: "/api/v1/resolve?who=zebediah", expect: "404" },
      ],
      "post /api/v1/import": [{ method: "POST", path: "/api/v1/import", raw: vcard, expect: "own" }],
      "get /api/v1/export": ["vcard", "csv", "json", "ics"].map((f) => ({
        method: "GET",
        path: `/api/v1/export?format=${f}`,
        expect: "clean" as const,
      })),
      "post /api/v1/demo": [{ method: "POST", path: "/api/v1/demo", expect: "own" }],
      "post /api/v1/calendar-key": [{ method: "POST", path: "/api/v1/calendar-key", expect: "clean" }],
      "get /api/v1/reminders": [{ method: "GET", path: "/api/v1/reminders", expect: "clean" }],
      "patch /api/v1/reminders": [
        {
          method: "PATCH",
          path: "/api/v1/reminders",
          body: { time: "09:00", webhook: { url: "https://bob.example/hook" } },
          expect: "own",
        },
      ],
      // Ann's endpoint given by Bob is a subscription of Bob's own; Ann's stays hers.
      "post /api/v1/reminders/push-subscriptions": [
        {
          method: "POST",
          path: "/api/v1/reminders/push-subscriptions",
          body: { endpoint: "https://push.example/xylophone", keys: { p256dh: "BPbob", auth: "bob" } },
          expect: "own",
        },
      ],
      "delete /api/v1/reminders/push-subscriptions/{id}": [
        {
          method: "DELETE",
          path: `/api/v1/reminders/push-subscriptions/${annSubscription.id}`,
          expect: "404",
        },
      ],
      "get /api/v1/reminders/preview": [
        { method: "GET", path: "/api/v1/reminders/preview?kind=daily", expect: "clean" },
        { method: "GET", path: "/api/v1/reminders/preview?kind=weekly", expect: "clean" },
      ],
      "post /api/v1/reminders/test": [
        { method: "POST", path: "/api/v1/reminders/test", body: {}, expect: "clean" },
      ],
      // A note's links are their own permission: a link to Ann's records that Goodwill did not sign is nothing.
      "get /api/v1/reminders/actions/{token}": [
        { method: "GET", path: `/api/v1/reminders/actions/${forgedLink}`, expect: "404" },
      ],
      "post /api/v1/reminders/actions/{token}": [
        { method: "POST", path: `/api/v1/reminders/actions/${forgedLink}`, expect: "404" },
      ],
      "get /api/v1/reminders/unsubscribe/{token}": [
        { method: "GET", path: `/api/v1/reminders/unsubscribe/${forgedUnsubscribe}`, expect: "404" },
      ],
      "post /api/v1/reminders/unsubscribe/{token}": [
        { method: "POST", path: `/api/v1/reminders/unsubscribe/${forgedUnsubscribe}`, expect: "404" },
      ],
      "get /api/v1/calendar.ics": [
        {
          method: "GET",
          path: `/api/v1/calendar.ics?key=${a.ownerId}.forged-secret-forged-secret-forged`,
          expect: "404",
        },
      ],
    };

    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(
      routes.filter((r) => !plans[r]),
      "every route needs an isolation plan",
    ).toEqual([]);

    const secrets = [
      /zebediah/i,
      /xylophon/i,
      new RegExp(zeb.id),
      /quillwork/i,
      /zeb@zephyr/i,
      /zephyrcorp/i,
    ];
    // What Bob writes into his own account (an import with Ann's contact's email, the demo) comes last,
    // so the reads before it can be held to not showing a trace of Ann.
    const attempts = routes.flatMap((route) => (plans[route] ?? []).map((attempt) => ({ route, attempt })));
    attempts.sort((x, y) => Number(x.attempt.expect === "own") - Number(y.attempt.expect === "own"));
    for (const { route, attempt } of attempts) {
      const result = await call(attempt.method, attempt.path, {
        ...B,
        ...(attempt.body !== undefined ? { body: attempt.body } : {}),
        ...(attempt.raw !== undefined ? { raw: attempt.raw } : {}),
      });
      const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
      if (attempt.expect === "404")
        expect({ route, path: attempt.path, status: result.status }).toEqual({
          route,
          path: attempt.path,
          status: 404,
        });
      else expect(result.status, `${route}: ${text.slice(0, 200)}`).toBeLessThan(500);
      // An answer may repeat what Bob sent himself; nothing else of Ann's may appear anywhere.
      const sent = decodeURIComponent(attempt.path) + JSON.stringify(attempt.body ?? "");
      const watched = secrets.filter((s) => !s.test(sent));
      if (attempt.expect !== "own")
        for (const secret of watched)
          expect(text, `${attempt.method} ${attempt.path} leaked ${secret}`).not.toMatch(secret);
    }

    // Ann's data is exactly as it was, and her token still works.
    const after = (await call("GET", "/api/v1/export?format=json", A)).body;
    expect(after).toEqual(before);
    expect((await call("GET", "/api/v1/reminders", A)).body).toEqual(annReminders);
    expect((await call("GET", "/api/v1/inbox", A)).body.items.map((i: { id: string }) => i.id)).toEqual([
      annItem,
    ]);
    expect((await call("GET", "/api/v1/inbox/people", A)).body.people).toHaveLength(1);
    expect((await call("GET", "/api/v1/today", { token: annToken.token })).status).toBe(200);
    const annSignsIn = await call("POST", "/api/v1/auth/login", {
      body: { email: "ann@example.com", password: "correct horse battery" },
    });
    expect(annSignsIn.status).toBe(200);
  });

  it("no app password reaches another account's address book", async () => {
    const { app, call, account } = await api(dialect);
    const a = await account("ann@example.com");
    const b = await account("bob@example.com");
    const zeb = (
      await call("POST", "/api/v1/people", {
        token: a.token,
        body: { name: "Zebediah Quuxley", emails: ["zeb@zephyr.example"] },
      })
    ).body;
    const annPhone = (await call("POST", "/api/v1/dav-passwords", { token: a.token, body: { name: "ann" } }))
      .body;
    const bobPhone = (await call("POST", "/api/v1/dav-passwords", { token: b.token, body: { name: "bob" } }))
      .body;
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    const dav = async (authorization: string, method: string, path: string, body?: string) => {
      const response = await app.request(`http://${HOST}${path}`, {
        method,
        headers: { host: HOST, authorization, depth: "1", "content-type": "text/vcard" },
        ...(body !== undefined ? { body } : {}),
      });
      return { status: response.status, text: await response.text() };
    };
    const ANN = basic("ann@example.com", annPhone.password);
    const BOB = basic("bob@example.com", bobPhone.password);
    const BOOK = "/dav/addressbooks/goodwill/";
    const annCard = `${BOOK}${zeb.id}.vcf`;
    expect((await dav(ANN, "GET", annCard)).text).toContain("Zebediah");

    // Ann's password does not open Bob's account, nor Ann's under another name.
    expect((await dav(basic("bob@example.com", annPhone.password), "PROPFIND", BOOK)).status).toBe(401);
    // An API token is no app password.
    expect((await dav(basic("ann@example.com", a.token), "PROPFIND", BOOK)).status).toBe(401);

    const multiget = `<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop><d:href>${annCard}</d:href></c:addressbook-multiget>`;
    const query =
      '<c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><c:address-data/></d:prop><c:filter><c:prop-filter name="FN"><c:text-match>zeb</c:text-match></c:prop-filter></c:filter></c:addressbook-query>';
    const sync =
      '<d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>';
    const attempts: { method: string; path: string; body?: string; status: number }[] = [
      { method: "PROPFIND", path: "/dav/", status: 207 },
      { method: "PROPFIND", path: "/dav/principal/", status: 207 },
      { method: "PROPFIND", path: "/dav/addressbooks/", status: 207 },
      { method: "PROPFIND", path: BOOK, status: 207 },
      { method: "PROPFIND", path: annCard, status: 404 },
      { method: "GET", path: annCard, status: 404 },
      { method: "DELETE", path: annCard, status: 404 },
      { method: "REPORT", path: BOOK, body: multiget, status: 207 },
      { method: "REPORT", path: BOOK, body: query, status: 207 },
      { method: "REPORT", path: BOOK, body: sync, status: 207 },
    ];
    for (const attempt of attempts) {
      const result = await dav(BOB, attempt.method, attempt.path, attempt.body);
      expect({ ...attempt, status: result.status }).toEqual(attempt);
      // An answer may repeat the address Bob asked about himself; nothing else of Ann's.
      const sent = attempt.path + (attempt.body ?? "");
      for (const secret of [/zebediah/i, /zephyr/i, new RegExp(zeb.id)].filter((x) => !x.test(sent)))
        expect(result.text, `${attempt.method} ${attempt.path} leaked ${secret}`).not.toMatch(secret);
    }
    // Bob writing at the address of Ann's card makes a card of his own; Ann's stays as it was.
    const before = await dav(ANN, "GET", annCard);
    const put = await dav(
      BOB,
      "PUT",
      annCard,
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob's Zeb\r\nEMAIL:zeb@zephyr.example\r\nEND:VCARD\r\n",
    );
    expect(put.status).toBe(201);
    expect((await dav(ANN, "GET", annCard)).text).toBe(before.text);
    expect((await dav(BOB, "GET", annCard)).text).toContain("FN:Bob's Zeb");
    expect((await call("GET", "/api/v1/people", { token: a.token })).body.people).toHaveLength(1);
  });
});
