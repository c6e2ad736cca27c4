/** `goodwill export`: people as vCard or CSV, everything as a JSON backup, reminders as ICS. */
import { isCalendarDate } from "../contract/input.js";
import { DAY_MS } from "../domain/decay.js";
import { EVENT_MIN_PEOPLE } from "../domain/event-groups.js";
import { parsePartialDate } from "../domain/partial-date.js";
import { addDays, dayIn, weekdayOf, workdayFrom } from "../domain/work-week.js";
import type { ContactRecord } from "../formats/contact-record.js";
import { writeContactsCsv } from "../formats/write/csv-writer.js";
import { type CalendarEvent, writeCalendar } from "../formats/write/ics-writer.js";
import { writeVCards } from "../formats/write/vcard-writer.js";
import {
  listDatesOfPeopleShown,
  listNotesInOrder,
  listOpenDatedCommitments,
  listPeopleForExport,
} from "../storage/contact-export.repository.js";
import { loadDetails, parseTags } from "../storage/person.repository.js";
import { exportBackup } from "./backup.js";
import { loadCalendarSettings } from "./calendar-settings.js";
import type { AppContext } from "./context.js";
import { type EventGroup, groupJson, loadEventGroups } from "./events.js";
import { loadRelationships, type RelationshipState, rhythmStartOf } from "./relationship-state.js";
import { isWorkContact } from "./week.js";

export const EXPORT_FORMATS = ["vcard", "csv", "json", "ics"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Every person of the owner as a contact record, in name order. */
export async function contactRecords(ctx: AppContext): Promise<ContactRecord[]> {
  return (await peopleAsContacts(ctx, { notes: true })).map((p) => p.contact);
}

/**
 * Every person (or the one `personId` names) with their contact record, in name order; without
 * `notes` the records carry none (CardDAV: notes are Goodwill's, and reading them all costs).
 */
export async function peopleAsContacts(
  ctx: AppContext,
  options: { notes: boolean; personId?: string },
): Promise<{ personId: string; contact: ContactRecord }[]> {
  const people = await listPeopleForExport(ctx.db, ctx.ownerId, options.personId);
  const details = await loadDetails(
    ctx.db,
    ctx.ownerId,
    people.map((p) => p.id),
  );
  const notes = options.notes ? await listNotesInOrder(ctx.db, ctx.ownerId) : [];
  const notesOf = new Map<string, string[]>();
  for (const n of notes) {
    // Pushed, not copied: a person with thousands of notes made a copy of the list per note.
    const list = notesOf.get(n.person_id);
    if (list === undefined) notesOf.set(n.person_id, [n.body]);
    else list.push(n.body);
  }
  return people.map((p) => {
    const d = details.get(p.id);
    const contact: ContactRecord = {
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
    return { personId: p.id, contact };
  });
}

/**
 * The reminders as calendar events: birthdays and dates yearly, promises with a date, and the people
 * due for a reach-out as one all-day event a day ("Goodwill: 5 people to reach out to", their names
 * in the description), never one event per person. A work contact due on a day off moves to the next
 * workday; people first met at one event and due in the same week are one line, on the first of
 * their days.
 */
export async function calendarEvents(ctx: AppContext): Promise<CalendarEvent[]> {
  const states = await loadRelationships(ctx);
  const calendar = await loadCalendarSettings(ctx);
  const today = dayIn(ctx.now, calendar.timeZone);
  const events: CalendarEvent[] = [];
  const dueOn = new Map<string, string>();
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
      const from = s.lastContactAt ?? rhythmStartOf(person, ctx.now);
      const day = dayIn(from + s.due.cadenceDays * DAY_MS, calendar.timeZone);
      // Overdue people are due today: an event in the past would never be seen.
      // biome-ignore lint/complexity/useMathMinMax: days are YYYY-MM-DD text, which Math.max cannot compare
      const due = day < today ? today : day;
      dueOn.set(person.id, isWorkContact(s) ? workdayFrom(due, calendar.workWeek) : due);
    }
  }
  events.push(...reachOutDays(dueOn, states, await loadEventGroups(ctx, states)));
  const dates = await listDatesOfPeopleShown(ctx.db, ctx.ownerId);
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
  const commitments = await listOpenDatedCommitments(ctx.db, ctx.ownerId);
  for (const c of commitments) {
    // A day that does not exist, stored before the API checked it, leaves the feed whole without it.
    if (c.due_on === null || !isCalendarDate(c.due_on)) continue;
    const who = c.display_name ?? c.department_name ?? "";
    events.push({
      kind: "commitment",
      uid: `commitment-${c.id}@goodwill`,
      summary: c.direction === "i_owe" ? `Promised ${who}: ${c.summary}` : `${who} promised: ${c.summary}`,
      day: c.due_on,
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

/** Monday of the week a day is in: people of one event due in the same week share a line. */
function weekOf(day: string): string {
  const back = (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).indexOf(weekdayOf(day) as "mon");
  return addDays(day, -back);
}

/** One all-day event a day for the people due then, event groups first, then names in name order. */
function reachOutDays(
  dueOn: Map<string, string>,
  states: RelationshipState[],
  groups: EventGroup[],
): CalendarEvent[] {
  const lines = new Map<string, { people: number; groups: string[]; names: string[] }>();
  const at = (day: string) => {
    let entry = lines.get(day);
    if (!entry) {
      entry = { people: 0, groups: [], names: [] };
      lines.set(day, entry);
    }
    return entry;
  };
  const grouped = new Set<string>();
  for (const group of groups) {
    const byWeek = new Map<string, EventGroup["members"]>();
    for (const m of group.members) {
      const day = dueOn.get(m.state.person.id);
      if (day === undefined) continue;
      const list = byWeek.get(weekOf(day)) ?? [];
      list.push(m);
      byWeek.set(weekOf(day), list);
    }
    for (const due of byWeek.values()) {
      if (due.length < EVENT_MIN_PEOPLE) continue;
      const first = due.map((m) => dueOn.get(m.state.person.id) as string).sort()[0] as string;
      const advice = groupJson(group, due);
      const entry = at(first);
      entry.people += due.length;
      entry.groups.push(`${advice.title}: ${advice.action[0]?.toLowerCase()}${advice.action.slice(1)}`);
      for (const m of due) grouped.add(m.state.person.id);
    }
  }
  const byName = [...states].sort((a, b) => a.person.display_name.localeCompare(b.person.display_name));
  for (const s of byName) {
    const day = dueOn.get(s.person.id);
    if (day === undefined || grouped.has(s.person.id)) continue;
    const entry = at(day);
    entry.people += 1;
    entry.names.push(s.person.display_name);
  }
  return [...lines]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, entry]) => ({
      kind: "due" as const,
      uid: `reach-out-${day}@goodwill`,
      summary: `Goodwill: ${entry.people === 1 ? "1 person" : `${entry.people} people`} to reach out to`,
      day,
      description: [...entry.groups, ...entry.names, "", "goodwill today says what to do for each."].join(
        "\n",
      ),
    }));
}
