/*
 * How a daily note words what it carries, in the user's own calendar: help given on the user's
 * Wednesday evening is "yesterday" in Thursday's note, though not 24 hours old; and on a day off
 * the people the user knows through work wait for the next workday.
 */
import { expect, it } from "vitest";
import { dailyNote } from "../../src/app/reminders/note.js";
import { localService } from "../../src/service/local-service.js";
import { describeEachDialect, freshContext, NOW } from "../support/stores.js";

describeEachDialect("how a daily note speaks of when help was given", (dialect) => {
  const links = { baseUrl: "https://goodwill.example", key: "test-key" };

  it("counts calendar days where the user lives, not spans of 24 hours", async () => {
    const ctx = await freshContext(dialect);
    const me = localService(ctx);
    // Tokyo is UTC+9: NOW (12:00 UTC) is 21:00 on Wednesday 25 November there.
    await me.init({ name: "Yui", timeZone: "Asia/Tokyo" });
    const ren = await me.addPerson({ name: "Ren" });
    await me.recordExchange({ personId: ren.id }, { direction: "received", summary: "carried the boxes" });

    const wording = async (iso: string, date: string) => {
      const note = await dailyNote({ ...ctx, now: Date.parse(iso) }, links, date);
      return note?.items.find((i) => i.kind === "thanks")?.detail;
    };
    // Thursday 08:00 in Tokyo, eleven hours later.
    expect(await wording("2026-11-25T23:00:00Z", "2026-11-26")).toBe("For “carried the boxes”, yesterday.");
    // Wednesday 23:30 in Tokyo, the same evening.
    expect(await wording("2026-11-25T14:30:00Z", "2026-11-25")).toBe("For “carried the boxes”, today.");
    // Saturday 08:00 in Tokyo.
    expect(await wording("2026-11-27T23:00:00Z", "2026-11-28")).toBe("For “carried the boxes”, 3 days ago.");
    expect(NOW).toBe(Date.parse("2026-11-25T12:00:00Z"));
  });
});

describeEachDialect("a daily note on a day off", (dialect) => {
  const links = { baseUrl: "https://goodwill.example", key: "test-key" };
  // NOW is Wednesday 25 November 2026; the notes below are at 08:00 UTC on the day given.
  const noteOn = async (ctx: Awaited<ReturnType<typeof freshContext>>, date: string) =>
    dailyNote({ ...ctx, now: Date.parse(`${date}T08:00:00Z`) }, links, date);
  const titles = (note: Awaited<ReturnType<typeof dailyNote>>) => note?.items.map((i) => i.title) ?? [];

  it("leaves colleagues and outside work contacts for Monday, and keeps friends and family", async () => {
    const ctx = await freshContext(dialect);
    const me = localService(ctx);
    await me.init({ name: "Yui", organization: "Acme" });
    const ken = await me.addPerson({ name: "Ken Sato", organization: "Acme" });
    const lena = await me.addPerson({ name: "Lena Berg", organization: "Northwind" });
    const mia = await me.addPerson({ name: "Mia Cho" });
    for (const [who, what] of [
      [ken, "covered my shift"],
      [lena, "sent the signed contract early"],
      [mia, "lent me her ladder"],
    ] as const)
      await me.recordExchange({ personId: who.id }, { direction: "received", summary: what });

    // Saturday 28 November: Mia only; the two met through work wait for Monday.
    const saturday = await noteOn(ctx, "2026-11-28");
    expect(titles(saturday)).toEqual(["Thank Mia Cho"]);
    expect(saturday?.intro).toBe("1 thing worth doing today. 2 work contacts wait for Monday.");
    // Monday 30 November: everyone.
    const monday = await noteOn(ctx, "2026-11-30");
    expect(titles(monday).sort()).toEqual(["Thank Ken Sato", "Thank Lena Berg", "Thank Mia Cho"]);
    expect(monday?.intro).toBe("3 things worth doing today.");
  });

  it("follows the user's own work week, and sends no note when only work contacts are waiting", async () => {
    const ctx = await freshContext(dialect);
    const me = localService(ctx);
    // Nia works Sunday to Thursday: Friday and Saturday are her weekend.
    await me.init({ name: "Nia", organization: "Acme", workWeek: "sun-thu" });
    const omar = await me.addPerson({ name: "Omar Haddad", organization: "Acme" });
    await me.recordExchange({ personId: omar.id }, { direction: "received", summary: "fixed my VPN" });

    expect(await noteOn(ctx, "2026-11-27")).toBeNull(); // Friday
    expect(await noteOn(ctx, "2026-11-28")).toBeNull(); // Saturday
    expect(titles(await noteOn(ctx, "2026-11-29"))).toEqual(["Thank Omar Haddad"]); // Sunday
  });

  it("on a day off, a communal person at an organization is not a work contact", async () => {
    const ctx = await freshContext(dialect);
    const me = localService(ctx);
    await me.init({ name: "Yui" });
    // The neighbourhood choir's organizer: an organization, kept in communal mode.
    const rosa = await me.addPerson({ name: "Rosa Lind", organization: "Choir", ledgerMode: "communal" });
    await me.recordExchange({ personId: rosa.id }, { direction: "received", summary: "saved me a seat" });
    const saturday = await noteOn(ctx, "2026-11-28");
    expect(titles(saturday)).toEqual(["Thank Rosa Lind"]);
    expect(saturday?.intro).toBe("1 thing worth doing today.");
  });
});
