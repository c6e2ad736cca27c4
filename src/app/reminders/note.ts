/**
 * What a reminder says: the daily note (up to five things from Today worth doing now, and one
 * give-first idea) and the weekly plan (`week`). Built from the same agenda the CLI and the web show,
 * so a note never says something Today would not; each item links to the person in the web app and,
 * where one tap settles it, carries a signed link to do so.
 */
import type { ActionKind, NoteItem, ReminderNote } from "../../contract/reminders.js";
import { DAY_MS } from "../../domain/decay.js";
import { LATE_THANKS_NOTE } from "../../domain/open-loop-texts.js";
import { plural } from "../../domain/plural.js";
import type { ReminderKind } from "../../domain/reminder-schedule.js";
import {
  addDays,
  dayIn,
  isWorkday,
  reachedOnWorkdays,
  weekdayOf,
  workdayFrom,
} from "../../domain/work-week.js";
import { today } from "../agenda.js";
import { loadCalendarSettings } from "../calendar-settings.js";
import type { AppContext } from "../context.js";
import { peopleJson } from "../people.js";
import { givingWeek } from "../week.js";
import { actionToken } from "./links.js";

type Agenda = Awaited<ReturnType<typeof today>>;

/** Items a daily note carries at most. */
export const NOTE_ITEMS = 5;

export interface NoteLinks {
  /** the web app as the user reaches it, without a trailing slash */
  baseUrl: string;
  /** the key that signs one-tap links */
  key: string;
}

const WEEKDAY_LABEL: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const personLink = (links: NoteLinks, id: string) => `${links.baseUrl}/people/${encodeURIComponent(id)}`;

/**
 * The daily note for the day `date`, or null when there is nothing worth doing (a note with only an
 * idea in it would teach the user to ignore the notes).
 */
export async function dailyNote(
  ctx: AppContext,
  links: NoteLinks,
  date: string,
): Promise<ReminderNote | null> {
  const agenda = await today(ctx);
  const act = (
    kind: ActionKind,
    label: string,
    target: { t: "person" | "department" | "commitment"; i: string; n: string; s: string | null },
  ) => ({
    kind,
    label,
    url: `${links.baseUrl}/act/${actionToken(links.key, { o: ctx.ownerId, a: kind, ...target }, ctx.now)}`,
  });

  // "Yesterday" is the calendar day before the note's, where the user lives: help given at 13:00
  // is yesterday's in a note at 08:00, though not 24 hours old.
  const { timeZone, workWeek } = await loadCalendarSettings(ctx);
  // On a day off (the profile's work week), work contacts wait for the next workday, as `week`
  // plans them: a Saturday note does not ask the user to write to a colleague.
  const dayOff = !isWorkday(date, workWeek);
  const { atWork, people } = dayOff
    ? await workContactsAmong(ctx, agenda)
    : { atWork: new Set<string>(), people: new Set<string>() };
  const held = new Set<string>();
  const waits = (kind: "person" | "department", id: string) => {
    if (!dayOff || (kind === "person" && !atWork.has(id))) return false;
    held.add(`${kind}:${id}`);
    return true;
  };
  const daysBefore = (iso: string) =>
    Math.round((Date.parse(agenda.date) - Date.parse(dayIn(Date.parse(iso), timeZone))) / DAY_MS);
  // "A late thank-you still counts." once, with the first late one.
  let lateSaid = false;
  const thanks: NoteItem[] = agenda.thanksOwed.flatMap((t) => {
    if (waits(t.counterpart.kind === "person" ? "person" : "department", t.counterpart.id)) return [];
    const what = t.lastReceived?.summary ?? null;
    const days = t.lastReceived ? daysBefore(t.lastReceived.occurredAt) : t.daysAgo;
    const when = days <= 0 ? "today" : days === 1 ? "yesterday" : `${plural(days, "day")} ago`;
    const isPerson = t.counterpart.kind === "person";
    const lateNote = t.late && !lateSaid;
    if (lateNote) lateSaid = true;
    const item: NoteItem = {
      kind: "thanks",
      title: `Thank ${t.counterpart.name}`,
      detail: `${what ? `For “${what}”, ${when}.` : `They helped you ${when}.`}${lateNote ? ` ${LATE_THANKS_NOTE}` : ""}`,
      person: isPerson ? { id: t.counterpart.id, name: t.counterpart.name } : null,
      link: isPerson ? personLink(links, t.counterpart.id) : `${links.baseUrl}/`,
      action: act("thanked", "I thanked them", {
        t: isPerson ? "person" : "department",
        i: t.counterpart.id,
        n: t.counterpart.name,
        s: what,
      }),
    };
    return [item];
  });

  const tomorrow = addDays(agenda.date, 1);
  const promises: NoteItem[] = agenda.commitments
    .filter((c) => c.direction === "i_owe" && c.dueOn !== null && (c.late || c.dueOn <= tomorrow))
    .map((c) => ({
      kind: "promise",
      title: `Keep your promise to ${c.counterpart}`,
      detail: `${c.summary} — ${c.late ? `it was due ${c.dueOn}` : c.dueOn === agenda.date ? "due today" : "due tomorrow"}.`,
      person: c.personId ? { id: c.personId, name: c.counterpart } : null,
      link: c.personId ? personLink(links, c.personId) : `${links.baseUrl}/`,
      action: act("kept", "Done", { t: "commitment", i: c.id, n: c.counterpart, s: c.summary }),
    }));

  const occasions: NoteItem[] = agenda.occasions
    .filter((o) => o.inDays <= 1)
    .map((o) => ({
      kind: "occasion",
      title: `${o.person.name}: ${o.label}${o.turning ? ` (${o.turning})` : ""} ${o.inDays === 0 ? "today" : "tomorrow"}`,
      detail: `A short personal message ${o.inDays === 0 ? "today" : "tomorrow"} says you remembered.`,
      person: o.person,
      link: personLink(links, o.person.id),
      action: act("touched", "I got in touch", { t: "person", i: o.person.id, n: o.person.name, s: null }),
    }));

  const reachOuts: NoteItem[] = agenda.due.flatMap((d) => {
    if (!d.person || waits("person", d.person.id)) return [];
    const since =
      d.due.daysSinceContact === null
        ? "No contact yet."
        : `Last contact ${plural(d.due.daysSinceContact, "day")} ago.`;
    return [
      {
        kind: "reach-out" as const,
        title: `Get in touch with ${d.person.name}`,
        detail: d.suggestion ? `${d.suggestion.action} ${since}` : since,
        person: { id: d.person.id, name: d.person.name },
        link: personLink(links, d.person.id),
        action: act("touched", "I got in touch", { t: "person", i: d.person.id, n: d.person.name, s: null }),
      },
    ];
  });

  const items = pickItems([thanks, promises, occasions, reachOuts]);
  if (items.length === 0) return null;

  const named = new Set(items.flatMap((i) => (i.person ? [i.person.id] : [])));
  const ideaSuggestion = agenda.suggestions.find(
    (s) =>
      ["give-first", "help-with-need", "introduce"].includes(s.kind) &&
      s.person.id !== "" &&
      !named.has(s.person.id) &&
      // a department's idea (its id is no person's) is work too
      !(dayOff && (atWork.has(s.person.id) || !people.has(s.person.id))),
  );
  const idea: NoteItem | null = ideaSuggestion
    ? {
        kind: "give",
        title: ideaSuggestion.action,
        detail: ideaSuggestion.reason,
        person: ideaSuggestion.person,
        link: personLink(links, ideaSuggestion.person.id),
        action: null,
      }
    : null;

  const count = items.length;
  return {
    kind: "daily",
    date,
    subject: `Goodwill for ${WEEKDAY_LABEL[weekdayOf(date)]}: ${items[0]?.title}${count > 1 ? ` and ${plural(count - 1, "more thing")}` : ""}`,
    intro: `${plural(count, "thing")} worth doing today.${
      held.size > 0
        ? ` ${plural(held.size, "work contact")} ${held.size === 1 ? "waits" : "wait"} for ${WEEKDAY_LABEL[weekdayOf(workdayFrom(date, workWeek))]}.`
        : ""
    }`,
    items,
    idea,
    days: [],
    todayUrl: `${links.baseUrl}/`,
  };
}

/**
 * The people of the agenda's thank-yous, reach-outs and suggestions whom the user reaches on
 * workdays only (a colleague, an outside contact at an organization), and which of those ids are
 * people at all (a department's are not): one read of a few dozen people, made only on a day off.
 */
async function workContactsAmong(
  ctx: AppContext,
  agenda: Agenda,
): Promise<{ atWork: Set<string>; people: Set<string> }> {
  const ids = new Set<string>();
  for (const t of agenda.thanksOwed) if (t.counterpart.kind === "person") ids.add(t.counterpart.id);
  for (const d of agenda.due) if (d.person) ids.add(d.person.id);
  for (const s of agenda.suggestions) if (s.person.id !== "") ids.add(s.person.id);
  const people = await peopleJson(ctx, [...ids]);
  const atWork = people.filter((p) =>
    reachedOnWorkdays({
      isColleague: p.isColleague,
      atOrganization: p.organization !== null,
      communal: p.ledgerMode === "communal",
    }),
  );
  return { atWork: new Set(atWork.map((p) => p.id)), people: new Set(people.map((p) => p.id)) };
}

/**
 * Up to five items, every kind getting a turn: in each round every kind (thanks, promises,
 * occasions, reach-outs, in that order) gives its next item, until five are picked or all are used.
 * A person is named once: an item about someone already named gives its place to the next of its kind.
 */
export function pickItems(kinds: NoteItem[][]): NoteItem[] {
  const picked = new Set<NoteItem>();
  const seen = new Set<string>();
  const next = kinds.map(() => 0);
  let progress = true;
  while (picked.size < NOTE_ITEMS && progress) {
    progress = false;
    kinds.forEach((list, k) => {
      if (picked.size >= NOTE_ITEMS) return;
      for (let i = next[k] ?? 0; i < list.length; i++) {
        const item = list[i] as NoteItem;
        next[k] = i + 1;
        const who = item.person?.id;
        if (who && seen.has(who)) continue;
        if (who) seen.add(who);
        picked.add(item);
        progress = true;
        return;
      }
    });
  }
  // In the order of the kinds, so thanks lead.
  return kinds.flat().filter((item) => picked.has(item));
}

/** The weekly plan: the gives of the coming week, day by day; null when there is nothing to give. */
export async function weeklyNote(
  ctx: AppContext,
  links: NoteLinks,
  date: string,
): Promise<ReminderNote | null> {
  const week = await givingWeek(ctx);
  if (week.total === 0) return null;
  const days = week.sessions
    .filter((s) => s.gives.length > 0)
    .map((s) => ({
      date: s.date,
      label: `${WEEKDAY_LABEL[weekdayOf(s.date)]} ${s.date}`,
      items: s.gives.map(
        (g): NoteItem => ({
          kind: "give",
          title: g.action,
          detail: `${g.overdue ? "Overdue. " : ""}${g.reason}`,
          person: g.group ? null : g.person,
          link: g.group ? `${links.baseUrl}/` : personLink(links, g.person.id),
          action: null,
        }),
      ),
    }));
  return {
    kind: "weekly",
    date,
    subject: `Goodwill: your week, ${week.from} to ${week.to} (${plural(week.total, "give")})`,
    intro: `${plural(week.total, "give")} for the week, on the days that suit them.`,
    items: [],
    idea: null,
    days,
    todayUrl: `${links.baseUrl}/`,
  };
}

export function composeNote(
  ctx: AppContext,
  links: NoteLinks,
  kind: ReminderKind,
  date: string,
): Promise<ReminderNote | null> {
  return kind === "daily" ? dailyNote(ctx, links, date) : weeklyNote(ctx, links, date);
}
