/**
 * A hand-edited Goodwill backup, mended before it is checked: a person's value that Goodwill would
 * refuse (a layer of 7, closeness 9, a birthday on 30 February, a name too long) is replaced by the
 * nearest one it accepts or left out, with a warning, rather than refusing the whole backup.
 * Everything else is checked as strictly as before (src/app/backup.ts).
 */
import { LIMITS } from "../domain/limits.js";
import { LAYERS } from "../domain/model.js";
import { parsePartialDate } from "../domain/partial-date.js";
import { shownValue } from "../formats/contact-record.js";

export { nulFree } from "../formats/nul-free.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Mends one person of a parsed backup in place; returns what was changed, one entry a value. A
 * U+0000 (NUL) anywhere in a record is taken out by `nulFree` first: a backup of a SQLite store may
 * hold NULs, which PostgreSQL's text cannot, and without them it restores the same on both.
 */
export function repairPerson(person: unknown): { field: string; message: string }[] {
  if (!isObject(person)) return [];
  const found: { field: string; message: string }[] = [];
  const { layer, closeness, cadenceDays, birthday, name } = person;
  if (typeof layer === "number" && !LAYERS.some((l) => l === layer)) {
    const nearest = LAYERS.reduce((a, b) => (Math.abs(b - layer) < Math.abs(a - layer) ? b : a));
    person.layer = nearest;
    found.push({
      field: "layer",
      message: `layer ${layer} is not a Dunbar layer (${LAYERS.join(", ")}): ${nearest} used, the nearest`,
    });
  }
  if (typeof closeness === "number" && !(Number.isInteger(closeness) && closeness >= 1 && closeness <= 5)) {
    const nearest = Math.min(5, Math.max(1, Math.round(closeness)));
    person.closeness = nearest;
    found.push({ field: "closeness", message: `closeness ${closeness} is not from 1 to 5: ${nearest} used` });
  }
  if (
    typeof cadenceDays === "number" &&
    !(Number.isInteger(cadenceDays) && cadenceDays >= 0 && cadenceDays <= 3650)
  ) {
    person.cadenceDays = null;
    found.push({
      field: "cadenceDays",
      message: `keep-in-touch rhythm ${cadenceDays} is not a number of days from 0 to 3650: left out (the default rhythm applies)`,
    });
  }
  if (typeof birthday === "string" && parsePartialDate(birthday) === null) {
    person.birthday = null;
    found.push({ field: "birthday", message: `birthday ${shownValue(birthday)} is not a date: left out` });
  }
  if (typeof name === "string" && name.length > LIMITS.name) {
    person.name = name.slice(0, LIMITS.name).trimEnd();
    found.push({
      field: "name",
      message: `name shortened to ${LIMITS.name} characters (it had ${name.length.toLocaleString("en")})`,
    });
  }
  return found;
}
