import { createHash } from "node:crypto";
import ICAL from "ical.js";
import type { CapturedMeeting, CaptureProblem, MailAddress } from "../../contract/capture.js";
import { invalid } from "../../errors.js";
import { NUL } from "../nul-free.js";
import { capBytes, MAX_TEXT_BYTES } from "./mail/own-words.js";

type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;
type Component = InstanceType<typeof ICAL.Component>;

export interface ReadMeetingsOptions {
  /** epoch ms: no meeting or instance starting later is read (a history ends today) */
  until: number;
  /** the most instances read of one recurring series (default 2,000) */
  maxInstances?: number;
}

/** The most instances of one series: a daily stand-up over five years is under 2,000. */
export const MAX_INSTANCES = 2000;

/**
 * The meetings of an ICS export (Google, Outlook, Apple): each single meeting, and each instance of
 * a recurring one up to `until`, with its overrides (RECURRENCE-ID), without its EXDATEs, cancelled
 * ones marked. Each VEVENT is parsed on its own, so a broken one is a problem, not the end of the
 * file; a file that is no calendar is an error.
 */
export function readMeetings(
  text: string,
  options: ReadMeetingsOptions,
): (CapturedMeeting | CaptureProblem)[] {
  const blocks = calendarBlocks(text);
  const maxInstances = options.maxInstances ?? MAX_INSTANCES;
  const out: (CapturedMeeting | CaptureProblem)[] = [];
  // One root holds every time zone and event, so ical.js finds each TZID's VTIMEZONE in the file
  // itself rather than in its process-wide TimezoneService.
  const root = new ICAL.Component(["vcalendar", [], []]);
  for (const block of blocks.timezones) {
    try {
      root.addSubcomponent(new ICAL.Component(ICAL.parse(block.text) as unknown[]));
    } catch (error) {
      out.push(problem(`VTIMEZONE ${block.index}`, error));
    }
  }
  const masters: { where: string; event: Event }[] = [];
  const exceptions = new Map<string, { where: string; event: Event }[]>();
  for (const block of blocks.events) {
    const where = `VEVENT ${block.index}${block.uid === null ? "" : ` (UID ${block.uid})`}`;
    try {
      const component = new ICAL.Component(ICAL.parse(block.text) as unknown[]);
      if (component.name !== "vevent") throw new Error("it is not a VEVENT");
      root.addSubcomponent(component);
      const event = new ICAL.Event(component);
      if (!component.hasProperty("dtstart")) throw new Error("it has no DTSTART");
      if (event.isRecurrenceException()) {
        const uid = event.uid ?? "";
        exceptions.set(uid, [...(exceptions.get(uid) ?? []), { where, event }]);
      } else {
        masters.push({ where, event });
      }
    } catch (error) {
      out.push(problem(where, error));
    }
  }
  const related = new Set<string>();
  for (const { where, event } of masters) {
    try {
      const own = event.isRecurring() ? (exceptions.get(event.uid ?? "") ?? []) : [];
      for (const exception of own) event.relateException(exception.event);
      if (own.length > 0) related.add(event.uid ?? "");
      if (event.isRecurring()) out.push(...instances(event, where, options.until, maxInstances));
      else {
        const meeting = toMeeting(event, event, event.startDate, null, event);
        if (meeting.at <= options.until) out.push(meeting);
      }
    } catch (error) {
      out.push(problem(where, error));
    }
  }
  // An override whose series is not in the file (Google exports them apart) is a meeting of its own.
  for (const [uid, orphans] of exceptions) {
    if (related.has(uid)) continue;
    for (const { where, event } of orphans) {
      try {
        const meeting = toMeeting(event, event, event.startDate, event.recurrenceId, event);
        if (meeting.at <= options.until) out.push(meeting);
      } catch (error) {
        out.push(problem(where, error));
      }
    }
  }
  return out;
}

/** The instances of a recurring meeting up to `until`, overrides applied, at most `max`. */
function instances(
  master: Event,
  where: string,
  until: number,
  max: number,
): (CapturedMeeting | CaptureProblem)[] {
  const out: (CapturedMeeting | CaptureProblem)[] = [];
  const iterator = master.iterator();
  for (let next = iterator.next(); next !== undefined && next !== null; next = iterator.next()) {
    if (epoch(next, tzidOf(master.component)) > until) break;
    if (out.length >= max) {
      out.push({
        kind: "problem",
        where,
        message: `the series has more than ${max} instances before the import's end date; later ones were not read`,
      });
      break;
    }
    const details = master.getOccurrenceDetails(next);
    const meeting = toMeeting(details.item, master, details.startDate, details.recurrenceId, master);
    if (meeting.at <= until) out.push(meeting);
  }
  return out;
}

/** One meeting from the event that describes it (an override or the series) at `start`. */
function toMeeting(
  item: Event,
  series: Event,
  start: Time,
  recurrenceId: Time | null,
  master: Event,
): CapturedMeeting {
  const uid = clean(series.uid ?? "").trim();
  const component = item.component;
  const at = epoch(start, tzidOf(component) ?? tzidOf(master.component));
  const key = uid === "" ? `sha1:${sha1(`${at}\n${item.summary ?? ""}`)}` : uid;
  const cancelled = status(component) === "CANCELLED" || status(master.component) === "CANCELLED";
  const organizer = address(
    component.getFirstProperty("organizer") ?? master.component.getFirstProperty("organizer"),
  );
  const seen = new Set<string>();
  const attendees: MailAddress[] = [];
  // Apple's overrides often leave the attendees out: they are the series'.
  const listed = component.getAllProperties("attendee");
  for (const property of listed.length > 0 ? listed : master.component.getAllProperties("attendee")) {
    const attendee = address(property);
    if (attendee === null || seen.has(attendee.address.toLowerCase())) continue;
    seen.add(attendee.address.toLowerCase());
    attendees.push(attendee);
  }
  return {
    kind: "meeting",
    sourceKey: recurrenceId === null ? `ics:${key}` : `ics:${key}@${recurrenceIso(recurrenceId, master)}`,
    at,
    allDay: start.isDate,
    organizer,
    attendees,
    title: capBytes(clean(String(item.summary ?? "")).trim(), 4096),
    description: capBytes(clean(String(item.description ?? "")).trim(), MAX_TEXT_BYTES),
    cancelled,
  };
}

/** A RECURRENCE-ID as UTC ISO; an all-day one as its ISO date ("2026-03-04"). */
function recurrenceIso(id: Time, master: Event): string {
  if (id.isDate) return `${pad(id.year, 4)}-${pad(id.month, 2)}-${pad(id.day, 2)}`;
  return new Date(epoch(id, tzidOf(master.component))).toISOString();
}

function status(component: Component): string {
  return String(component.getFirstPropertyValue("status") ?? "")
    .trim()
    .toUpperCase();
}

/** The TZID of a component's DTSTART, if it names one. */
function tzidOf(component: Component): string | null {
  const tzid = component.getFirstProperty("dtstart")?.getParameter("tzid");
  return typeof tzid === "string" && tzid !== "" ? tzid : null;
}

/** An ORGANIZER or ATTENDEE as an address: its mailto: (or EMAIL parameter, Apple) and CN. */
function address(property: InstanceType<typeof ICAL.Property> | null): MailAddress | null {
  if (property === null) return null;
  const value = clean(String(property.getFirstValue() ?? "")).trim();
  const email = property.getParameter("email");
  const raw = /^mailto:/i.test(value)
    ? value.replace(/^mailto:/i, "")
    : typeof email === "string" && email.includes("@")
      ? email
      : value.includes("@") && !value.includes(":")
        ? value
        : "";
  const addressText = raw.trim();
  if (!addressText.includes("@")) return null;
  const cn = property.getParameter("cn");
  const name = typeof cn === "string" ? clean(cn).replace(/^"|"$/g, "").trim() : "";
  return { address: addressText, name: name === "" || name === addressText ? null : name };
}

/**
 * A calendar time as epoch ms. An all-day date is noon UTC of its day. A TZID with its VTIMEZONE
 * in the file is ical.js's to convert; one without (a bare IANA name, or Outlook's Windows zone
 * name) is converted with the platform's zone data; anything else, and floating times, as UTC.
 */
export function epoch(time: Time, tzid: string | null): number {
  if (time.isDate) return Date.UTC(time.year, time.month - 1, time.day, 12);
  const zone = time.zone;
  if (zone === ICAL.Timezone.utcTimezone || zone?.component) {
    return time.toUnixTime() * 1000;
  }
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const iana = tzid === null ? null : ianaZone(tzid);
  if (iana === null) return wall;
  const first = wall - offsetAt(wall, iana);
  return wall - offsetAt(first, iana);
}

/**
 * Windows time-zone names (Outlook without VTIMEZONE) to IANA, the common ones; an unknown name is
 * read as UTC, which puts a meeting at most a day off and never on another person.
 */
const WINDOWS_ZONES: Record<string, string> = {
  "W. Europe Standard Time": "Europe/Berlin",
  "Central Europe Standard Time": "Europe/Budapest",
  "Central European Standard Time": "Europe/Warsaw",
  "Romance Standard Time": "Europe/Paris",
  "GMT Standard Time": "Europe/London",
  "Greenwich Standard Time": "Atlantic/Reykjavik",
  "E. Europe Standard Time": "Europe/Chisinau",
  "FLE Standard Time": "Europe/Kiev",
  "GTB Standard Time": "Europe/Bucharest",
  "Russian Standard Time": "Europe/Moscow",
  "Turkey Standard Time": "Europe/Istanbul",
  "Israel Standard Time": "Asia/Jerusalem",
  "Arabian Standard Time": "Asia/Dubai",
  "India Standard Time": "Asia/Kolkata",
  "China Standard Time": "Asia/Shanghai",
  "Singapore Standard Time": "Asia/Singapore",
  "Tokyo Standard Time": "Asia/Tokyo",
  "Korea Standard Time": "Asia/Seoul",
  "AUS Eastern Standard Time": "Australia/Sydney",
  "New Zealand Standard Time": "Pacific/Auckland",
  "Eastern Standard Time": "America/New_York",
  "Central Standard Time": "America/Chicago",
  "Mountain Standard Time": "America/Denver",
  "US Mountain Standard Time": "America/Phoenix",
  "Pacific Standard Time": "America/Los_Angeles",
  "Alaskan Standard Time": "America/Anchorage",
  "Hawaiian Standard Time": "Pacific/Honolulu",
  "Atlantic Standard Time": "America/Halifax",
  "E. South America Standard Time": "America/Sao_Paulo",
  "Argentina Standard Time": "America/Buenos_Aires",
  "Mexico Standard Time": "America/Mexico_City",
  "Central Standard Time (Mexico)": "America/Mexico_City",
  "South Africa Standard Time": "Africa/Johannesburg",
  UTC: "UTC",
  "Coordinated Universal Time": "UTC",
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The IANA zone a TZID names (itself, a Windows name, or a "/mozilla.org/…/Europe/Berlin" path), or null. */
function ianaZone(tzid: string): string | null {
  const name = WINDOWS_ZONES[tzid.trim()] ?? tzid.trim().replace(/^\/(?:[^/]+\/){1,3}(?=[A-Z][a-z]+\/)/, "");
  return formatter(name) === null ? null : name;
}

function formatter(zone: string): Intl.DateTimeFormat | null {
  let found = formatters.get(zone);
  if (found === undefined) {
    try {
      found = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      found = null;
    }
    formatters.set(zone, found);
  }
  return found;
}

/** The zone's offset from UTC at instant `at`, in ms. */
function offsetAt(at: number, zone: string): number {
  const parts = formatter(zone)!.formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (
    Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) - at
  );
}

interface Block {
  index: number;
  text: string;
  uid: string | null;
}

/** The VTIMEZONE and VEVENT blocks of a calendar, unparsed; throws if the text is no calendar. */
function calendarBlocks(text: string): { timezones: Block[]; events: Block[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  if (!lines.some((line) => /^BEGIN:VCALENDAR\s*$/i.test(line))) {
    throw invalid("This file is no calendar: an ICS export starts with BEGIN:VCALENDAR.");
  }
  const timezones: Block[] = [];
  const events: Block[] = [];
  let open: { kind: "VEVENT" | "VTIMEZONE"; lines: string[] } | null = null;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (open === null) {
      if (upper === "BEGIN:VEVENT" || upper === "BEGIN:VTIMEZONE")
        open = { kind: upper.slice(6) as "VEVENT", lines: [line] };
      continue;
    }
    open.lines.push(line);
    if (upper === `END:${open.kind}`) {
      const blockText = open.lines.join("\r\n");
      const list = open.kind === "VEVENT" ? events : timezones;
      const uid = /^UID[;:](?:[^:\r\n]*:)?(.*(?:\r\n[ \t].*)*)/im
        .exec(blockText)?.[1]
        ?.replace(/\r\n[ \t]/g, "")
        .trim();
      list.push({
        index: list.length + 1,
        text: blockText,
        uid: uid === undefined || uid === "" ? null : clean(uid),
      });
      open = null;
    }
  }
  return { timezones, events };
}

function problem(where: string, error: unknown): CaptureProblem {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "problem", where, message: `the meeting could not be read: ${message}` };
}

function clean(text: string): string {
  return text.includes(NUL) ? text.replaceAll(NUL, "") : text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
