/**
 * The work week and time zone of the profile, kept in the owner's settings (two keys, so no
 * migration and nothing for the undo journal: the profile itself is not journaled either).
 */
import {
  type CalendarSettings,
  DEFAULT_CALENDAR,
  parseTimeZone,
  parseWorkWeek,
  type WeekdayName,
} from "../domain/work-week.js";
import { readSettings, writeSetting } from "../storage/settings.repository.js";
import type { AppContext } from "./context.js";

export const WORK_WEEK_SETTING = "profile:work_week";
export const TIME_ZONE_SETTING = "profile:time_zone";

/** Whether a setting key is one of the profile's (a backup carries these). */
export function isProfileSetting(key: string): boolean {
  return key === WORK_WEEK_SETTING || key === TIME_ZONE_SETTING;
}

/** The owner's work week and time zone; Monday–Friday and UTC until set. */
export async function loadCalendarSettings(ctx: AppContext): Promise<CalendarSettings> {
  const rows = await readSettings(ctx.db, ctx.ownerId, [WORK_WEEK_SETTING, TIME_ZONE_SETTING]);
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const week = value(WORK_WEEK_SETTING);
  const zone = value(TIME_ZONE_SETTING);
  return {
    // Stored as written by saveCalendarSettings; a value that no longer reads falls back to the default.
    workWeek: week ? readOr(() => parseWorkWeek(week), DEFAULT_CALENDAR.workWeek) : DEFAULT_CALENDAR.workWeek,
    timeZone: zone ? readOr(() => parseTimeZone(zone), DEFAULT_CALENDAR.timeZone) : DEFAULT_CALENDAR.timeZone,
  };
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Checks and stores what is given; what is not given stays as it was. */
export async function saveCalendarSettings(
  ctx: AppContext,
  input: { workWeek?: string | readonly string[] | undefined; timeZone?: string | undefined },
): Promise<void> {
  const writes: { key: string; value: string }[] = [];
  if (input.workWeek !== undefined) {
    const text = typeof input.workWeek === "string" ? input.workWeek : input.workWeek.join(",");
    const days: WeekdayName[] = parseWorkWeek(text);
    writes.push({ key: WORK_WEEK_SETTING, value: days.join(",") });
  }
  if (input.timeZone !== undefined)
    writes.push({ key: TIME_ZONE_SETTING, value: parseTimeZone(input.timeZone) });
  for (const { key, value } of writes) {
    await writeSetting(ctx.db, ctx.ownerId, key, value);
  }
}
