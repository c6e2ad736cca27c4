import { emptyContact, type FieldWarning, type LabelledValue, type ReadResult } from "../contact-record.js";
import { normaliseLabel } from "./contact-labels.js";
import {
  addLabelled,
  addTags,
  type CsvColumns,
  FIRST_ROW_HEADER,
  finishRow,
  noteText,
  orNull,
  readCsvContacts,
} from "./csv-columns.js";
import type { CsvRow } from "./csv-rows.js";
import { dateOrWarning, parseLooseDate } from "./date-text.js";

/**
 * Google Contacts CSV, current layout ("First Name", "E-mail 1 - Label", "Labels") and the legacy
 * one ("Given Name", "E-mail 1 - Type", "Group Membership"). A cell may hold several values
 * separated by ` ::: `; a label starting with `* ` marks the preferred value.
 */

/** Google's own groups, which say nothing about the person. */
const SYSTEM_LABELS = new Set([
  "mycontacts",
  "starred",
  "system group: my contacts",
  "system group: starred",
]);

/** Reads a Google Contacts CSV export, one result per contact. */
export async function* readGoogleCsv(source: AsyncIterable<Uint8Array>): AsyncGenerator<ReadResult> {
  yield* readCsvContacts(source, FIRST_ROW_HEADER, googleContact);
}

/** Splits a cell at Google's ` ::: ` separator. */
function multi(value: string): string[] {
  return value
    .split(":::")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function googleContact(row: CsvRow, columns: CsvColumns): ReadResult {
  const get = (...names: string[]) => columns.get(row.cells, ...names);
  const contact = emptyContact("");
  const warnings: FieldWarning[] = [];
  contact.nickname = orNull(get("nickname"));
  contact.organization = orNull(get("organization name", "organization 1 - name"));
  contact.title = orNull(get("organization title", "organization 1 - title"));
  contact.department = orNull(get("organization department", "organization 1 - department"));
  contact.birthday = dateOrWarning(
    get("birthday"),
    parseLooseDate,
    { field: "birthday", words: "birthday" },
    warnings,
  );
  contact.note = noteText(get("notes"));

  const groups = multi(get("labels", "group membership"))
    .filter(
      (label) =>
        !SYSTEM_LABELS.has(
          label
            .replace(/^\*\s*/, "")
            .replace(/\s+/g, "")
            .toLowerCase(),
        ),
    )
    .map((label) => label.replace(/^\*\s*/, "").replace(/^System Group:\s*/i, ""));
  addTags(contact.tags, groups);

  for (const { label, values } of numbered(row, columns, /^e-mail (\d+) - value$/, "e-mail")) {
    addAll(contact.emails, values, label);
  }
  for (const { label, values } of numbered(row, columns, /^phone (\d+) - value$/, "phone")) {
    addAll(contact.phones, values, label);
  }
  for (const { label, values } of numbered(row, columns, /^website (\d+) - value$/, "website")) {
    addAll(contact.urls, values, label);
  }
  for (const { label, values } of numbered(row, columns, /^relation (\d+) - value$/, "relation")) {
    for (const name of values) contact.related.push({ name, relation: label.text });
  }
  for (const { label, values } of numbered(row, columns, /^event (\d+) - value$/, "event")) {
    for (const value of values) {
      const words = label.text ?? "date";
      const date = dateOrWarning(value, parseLooseDate, { field: "dates", words }, warnings);
      if (date !== null) contact.dates.push({ label: label.text ?? "other", date });
    }
  }

  return finishRow(
    row,
    contact,
    {
      full: get("name"),
      prefix: get("name prefix"),
      first: get("first name", "given name"),
      middle: get("middle name", "additional name"),
      last: get("last name", "family name"),
      suffix: get("name suffix"),
    },
    warnings,
  );
}

/** Adds the values of one cell under its label; a starred label makes the first of them preferred. */
function addAll(
  list: LabelledValue[],
  values: readonly string[],
  label: { text: string | null; pref: boolean },
): void {
  values.forEach((value, i) => {
    addLabelled(list, value, label.text, label.pref && i === 0);
  });
}

/** The values of numbered column groups ("Phone 2 - Value" with "Phone 2 - Label" or "- Type"). */
function numbered(
  row: CsvRow,
  columns: CsvColumns,
  valueColumn: RegExp,
  prefix: string,
): { number: string; label: { text: string | null; pref: boolean }; values: string[] }[] {
  return columns.matching(valueColumn).map(({ name, match }) => {
    const number = match[1]!;
    const rawLabel = columns.get(row.cells, `${prefix} ${number} - label`, `${prefix} ${number} - type`);
    const pref = rawLabel.startsWith("*");
    const text = normaliseLabel(rawLabel.replace(/^\*\s*/, ""));
    return { number, label: { text, pref }, values: multi(columns.get(row.cells, name)) };
  });
}
