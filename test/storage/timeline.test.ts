import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { addPerson } from "../../src/app/people.js";
import { showPerson } from "../../src/app/person-page.js";
import { timelinePage } from "../../src/app/timeline.js";
import { resolvePerson } from "../../src/app/who.js";
import type { TimelineItem } from "../../src/contract/timeline.js";
import { localService } from "../../src/service/local-service.js";
import { describeEachDialect, freshContext, later } from "../support/stores.js";

/** Every page of the person's timeline, `limit` at a time, as the web app's "Show older" asks for them. */
async function pageThrough(ctx: AppContext, personId: string, limit: number) {
  const pages: TimelineItem[][] = [];
  let before: string | undefined;
  for (;;) {
    const page = await timelinePage(ctx, personId, { limit, ...(before ? { before } : {}) });
    pages.push(page.items);
    expect(page.more).toBe(page.next !== null);
    if (!page.next) break;
    expect(page.items).toHaveLength(limit);
    before = page.next;
    if (pages.length > 200) throw new Error("the pages never end");
  }
  return pages;
}

/** Newest first: by instant, then id (the order the pages promise). */
function isNewestFirst(items: TimelineItem[]): boolean {
  return items.every((item, i) => {
    const previous = items[i - 1];
    return !previous || previous.at > item.at || (previous.at === item.at && previous.id >= item.id);
  });
}

describeEachDialect("a person's timeline in pages", (dialect) => {
  it("pages return every item exactly once, newest first, with many items on the same instant", async () => {
    const ctx = await freshContext(dialect);
    const service = localService(ctx);
    const ana = await addPerson(ctx, { name: "Ana Lima", organization: "Acme" });
    const ben = await addPerson(ctx, { name: "Ben Osei" });
    const made: string[] = [];
    // Five kinds of item, a dozen of each on one instant (the clock is fixed), then some spread out.
    const at = new Date(ctx.now).toISOString();
    for (let i = 0; i < 12; i++) {
      made.push(
        (
          await service.recordExchange(
            { personId: ana.id },
            { direction: "gave", summary: `give ${i}`, occurredAt: at },
          )
        ).entry.id,
      );
      made.push(
        (
          await service.logInteraction({
            personIds: [ana.id, ben.id],
            summary: `moment ${i}`,
            occurredAt: at,
          })
        ).interaction.id,
      );
      made.push((await service.ask({ personId: ana.id }, { summary: `ask ${i}`, askedAt: at })).ask.id);
      made.push(
        (await service.promise({ personId: ana.id }, { summary: `promise ${i}`, direction: "i_owe" }))
          .commitment.id,
      );
      made.push((await service.addNote(ana.id, `note ${i}`)).note.id);
    }
    for (let day = 1; day <= 9; day++) {
      const then = later(ctx, -day);
      made.push((await localService(then).addNote(ana.id, `older note ${day}`)).note.id);
      made.push(
        (
          await service.recordExchange(
            { personId: ana.id },
            { direction: "received", summary: `older favor ${day}`, occurredAt: `${day} days ago` },
          )
        ).entry.id,
      );
    }
    // Ben's own history is not Ana's.
    await service.addNote(ben.id, "about Ben only");

    const whole = (await timelinePage(ctx, ana.id, { limit: 200 })).items;
    expect(whole).toHaveLength(made.length);
    expect(new Set(whole.map((t) => t.id))).toEqual(new Set(made));
    expect(isNewestFirst(whole)).toBe(true);
    expect(whole.slice(0, 60).every((t) => t.at === at)).toBe(true);
    expect(whole.at(-1)?.summary).toBe("older note 9");

    for (const limit of [1, 7, 30, 59, 60, 61]) {
      const pages = await pageThrough(ctx, ana.id, limit);
      expect(
        pages.flat().map((t) => t.id),
        `pages of ${limit}`,
      ).toEqual(whole.map((t) => t.id));
      expect(pages.length).toBe(Math.ceil(made.length / limit));
    }

    // `show` holds the newest 30 and the cursor to the rest.
    const shown = await showPerson(ctx, await resolvePerson(ctx, ana.id));
    expect(shown.timeline.map((t) => t.id)).toEqual(whole.slice(0, 30).map((t) => t.id));
    const rest = await timelinePage(ctx, ana.id, { before: shown.timelineNext ?? "", limit: 200 });
    expect(rest.items.map((t) => t.id)).toEqual(whole.slice(30).map((t) => t.id));
    expect(rest).toMatchObject({ more: false, next: null });
  });

  it("an item written while paging neither repeats nor hides an older one", async () => {
    const ctx = await freshContext(dialect);
    const service = localService(ctx);
    const ana = await addPerson(ctx, { name: "Ana Lima" });
    for (let i = 0; i < 10; i++) await service.addNote(ana.id, `note ${i}`);
    const first = await timelinePage(ctx, ana.id, { limit: 4 });
    await service.addNote(ana.id, "written meanwhile");
    const second = await timelinePage(ctx, ana.id, { limit: 4, before: first.next ?? "" });
    const third = await timelinePage(ctx, ana.id, { limit: 4, before: second.next ?? "" });
    expect([...first.items, ...second.items, ...third.items].map((t) => t.summary)).toEqual(
      Array.from({ length: 10 }, (_, i) => `note ${9 - i}`),
    );
    expect(third).toMatchObject({ more: false, next: null });
  });

  it("an item of another kind with the same instant and id as the cursor's is still shown once", async () => {
    const ctx = await freshContext(dialect);
    const service = localService(ctx);
    const ana = await addPerson(ctx, { name: "Ana Lima" });
    const entry = (
      await service.recordExchange({ personId: ana.id }, { direction: "gave", summary: "coffee" })
    ).entry;
    // A restored backup could hold two records of different kinds under one id: both are shown.
    await ctx.db
      .insertInto("notes")
      .values({
        owner_id: ctx.ownerId,
        id: entry.id,
        person_id: ana.id,
        body: "twin",
        created_at: entry.occurredAt,
      })
      .execute();
    const pages = await pageThrough(ctx, ana.id, 1);
    expect(pages.flat().map((t) => `${t.type}:${t.summary}`)).toEqual(["gave:coffee", "note:twin"]);
  });

  it("a cursor that is not one, or a page size out of range, is refused with what to do", async () => {
    const ctx = await freshContext(dialect);
    const ana = await addPerson(ctx, { name: "Ana Lima" });
    await expect(timelinePage(ctx, ana.id, { before: "yesterday" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/^before: "yesterday" is not a timeline cursor\. Pass the "next"/),
    });
    await expect(timelinePage(ctx, ana.id, { limit: 0 })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("from 1 to 200"),
    });
  });
});
