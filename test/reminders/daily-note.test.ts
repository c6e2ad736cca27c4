/*
 * How a daily note words what it carries, in the user's own calendar: help given on the user's
 * Wednesday evening is "yesterday" in Thursday's note, though not 24 hours old.
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
