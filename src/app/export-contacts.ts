/** `goodwill export`: people as vCard or CSV, everything as a JSON backup, reminders as ICS. */
import { DAY_MS } from "../domain/decay.js";
import { parsePartialDate } from "../domain/partial-date.js";
import type { ContactRecord } from "../formats/contact-record.js";
import { writeContactsCsv } from "../formats/write/csv-writer.js";
import { type CalendarEvent, writeCalendar } from "../formats/write/ics-writer.js";
import { writeVCards } from "../formats/write/vcard-writer.js";
import { loadDetails, parseTags } from "../storage/person.repository.js";
import { exportBackup } from "./backup.js";
import type { AppContext } from "./context.js";
import { loadRelationships } from "./relationship-state.js";

export const EXPORT_FORMATS = ["vcard", "csv", "json", "ics"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Every person of the owner as a contact record, in name order. */
export async function contactRecords(ctx: AppContext): Promise<ContactRecord[]> {
  const people = await ctx.db
    .selectFrom("people as p")
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "p.owner_id").onRef("d.id", "=", "p.department_id"),
    )
    .selectAll("p")
    .select(["o.name as organization_name", "d.name as department_name"])
    .where("p.owner_id", "=", ctx.ownerId)
    .orderBy("p.name_key")
    .orderBy("p.id")
    .execute();
  const details = await loadDetails(
    ctx.db,
    ctx.ownerId,
    people.map((p) => p.id),
  );
  const notes = await ctx.db
    .selectFrom("notes")
    .select(["person_id", "body"])
    .where("owner_id", "=", ctx.ownerId)
    .orderBy("created_at")
    .execute();
  const notesOf = new Map<string, string[]>();
  for (const n of notes) {
    // Pushed, not copied: a person with thousands of notes made a copy of the list per note.
    const list = notesOf.get(n.person_id);
    if (list === undefined) notesOf.set(n.person_id, [n.body]);
    else list.push(n.body);
  }
  return people.map((p) => {
    const d = details.get(p.id);
    return {
      // A person who came with a UID keeps it; the others are known by their Goodwill id.
      uid: p.uid ?? p.id,
      displayName: p.display_name,
      givenName: p.given_name,
      familyName: p.family_name,
      nickname: p.nickname,
      emails: d?.emails ?? [],
      phones: d?.phones ?? [],
      urls: (d?.urls ?? []).map((u) => ({ ...u, pref: false })),
      organization: p.organization_name,
      department: p.department_name,
      title: p.title,
      tags: parseTags(p.tags),
      birthday: p.birthday ? parsePartialDate(p.birthday) : null,
      dates: (d?.dates ?? []).flatMap((x) => {
        const date = parsePartialDate(x.date);
        return date ? [{ label: x.label, date }] : [];
      }),
      note: notesOf.get(p.id)?.join("\n\n") ?? null,
      metOn: p.met_on,
      metText: p.met_text,
      related: d?.related ?? [],
    };
  });
}

/** The reminders as calendar events: birthdays and dates yearly, who is due, promises with a date. */
export async function calendarEvents(ctx: AppContext): Promise<CalendarEvent[]> {
  const states = await loadRelationships(ctx);
  const events: CalendarEvent[] = [];
  for (const s of states) {
    const { person } = s;
    const birthday = person.birthday ? parsePartialDate(person.birthday) : null;
    if (birthday)
      events.push({
        kind: "birthday",
        uid: `birthday-${person.id}@goodwill`,
        summary: `${person.display_name}'s birthday`,
        date: birthday,
      });
    if (s.due.cadenceDays !== null) {
      const from = s.lastContactAt ?? Date.parse(person.created_at);
      // Overdue people are due today: an event in the past would never be seen.
      const dueAt = Math.max(from + s.due.cadenceDays * DAY_MS, ctx.now);
      const dueDay = new Date(dueAt).toISOString().slice(0, 10);
      events.push({
        kind: "due",
        uid: `due-${person.id}@goodwill`,
        summary: `Get in touch with ${person.display_name}`,
        day: dueDay,
        description: `You keep in touch with ${person.display_name} about every ${Math.round(s.due.cadenceDays) === 1 ? "day" : `${Math.round(s.due.cadenceDays)} days`}.`,
      });
    }
  }
  const dates = await ctx.db
    .selectFrom("person_dates as d")
    .innerJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "d.owner_id").onRef("p.id", "=", "d.person_id"),
    )
    .select(["d.person_id", "d.label", "d.date", "p.display_name"])
    .where("d.owner_id", "=", ctx.ownerId)
    .where("p.archived", "=", 0)
    .execute();
  for (const d of dates) {
    const date = parsePartialDate(d.date);
    if (!date) continue;
    const kind = d.label === "anniversary" ? "anniversary" : "date";
    events.push({
      kind,
      uid: `date-${d.person_id}-${encodeURIComponent(d.label)}@goodwill`,
      summary: `${d.display_name}: ${d.label}`,
      date,
    });
  }
  const commitments = await ctx.db
    .selectFrom("commitments as c")
    .leftJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "c.owner_id").onRef("p.id", "=", "c.person_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "c.owner_id").onRef("d.id", "=", "c.department_id"),
    )
    .select(["c.id", "c.summary", "c.due_on", "c.direction", "p.display_name", "d.name as department_name"])
    .where("c.owner_id", "=", ctx.ownerId)
    .where("c.status", "=", "open")
    .where("c.due_on", "is not", null)
    .execute();
  for (const c of commitments) {
    const who = c.display_name ?? c.department_name ?? "";
    events.push({
      kind: "commitment",
      uid: `commitment-${c.id}@goodwill`,
      summary: c.direction === "i_owe" ? `Promised ${who}: ${c.summary}` : `${who} promised: ${c.summary}`,
      day: c.due_on as string,
    });
  }
  return events;
}

/** The export as text, and how many things it holds. */
export async function exportContacts(
  ctx: AppContext,
  format: ExportFormat,
  options: { vcardVersion: "3.0" | "4.0" },
): Promise<{ text: string; count: number }> {
  switch (format) {
    case "vcard": {
      const contacts = await contactRecords(ctx);
      return { text: writeVCards(contacts, { version: options.vcardVersion }), count: contacts.length };
    }
    case "csv": {
      const contacts = await contactRecords(ctx);
      return { text: writeContactsCsv(contacts), count: contacts.length };
    }
    case "json": {
      const backup = await exportBackup(ctx);
      const count =
        backup.people.length +
        backup.interactions.length +
        backup.exchanges.length +
        backup.asks.length +
        backup.commitments.length +
        backup.notes.length;
      return { text: `${JSON.stringify(backup, null, 2)}\n`, count };
    }
    case "ics": {
      const events = await calendarEvents(ctx);
      return { text: writeCalendar({ name: "Goodwill", events, now: ctx.now }), count: events.length };
    }
  }
}
