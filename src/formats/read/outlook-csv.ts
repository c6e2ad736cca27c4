import { emptyContact, type FieldWarning, type ReadResult } from "../contact-record.js";
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
 * Outlook CSV, as Outlook for Windows and outlook.com export it: fixed column names, one column per
 * kind of phone, `0/0/00` for an empty date, categories separated by `;`.
 */

const PHONE_COLUMNS: [column: string, label: string | null][] = [
  ["mobile phone", "mobile"],
  ["business phone", "work"],
  ["business phone 2", "work"],
  ["home phone", "home"],
  ["home phone 2", "home"],
  ["primary phone", "main"],
  ["company main phone", "main"],
  ["other phone", "other"],
  ["assistant's phone", "assistant"],
  ["car phone", "car"],
  ["callback", "callback"],
  ["pager", "pager"],
  ["business fax", "work fax"],
  ["home fax", "home fax"],
  ["other fax", "other fax"],
];

const EMAIL_COLUMNS = ["e-mail address", "e-mail 2 address", "e-mail 3 address"];

const RELATION_COLUMNS: [column: string, relation: string][] = [
  ["spouse", "spouse"],
  ["manager's name", "manager"],
  ["assistant's name", "assistant"],
];

/** Reads an Outlook CSV export, one result per contact. */
export async function* readOutlookCsv(source: AsyncIterable<Uint8Array>): AsyncGenerator<ReadResult> {
  yield* readCsvContacts(source, FIRST_ROW_HEADER, outlookContact);
}

function outlookContact(row: CsvRow, columns: CsvColumns): ReadResult {
  const get = (...names: string[]) => columns.get(row.cells, ...names);
  const contact = emptyContact("");
  const warnings: FieldWarning[] = [];
  contact.nickname = orNull(get("nickname"));
  contact.organization = orNull(get("company"));
  contact.department = orNull(get("department"));
  contact.title = orNull(get("job title"));
  contact.birthday = dateOrWarning(
    get("birthday"),
    parseLooseDate,
    { field: "birthday", words: "birthday" },
    warnings,
  );
  const anniversary = dateOrWarning(
    get("anniversary"),
    parseLooseDate,
    { field: "dates", words: "anniversary" },
    warnings,
  );
  if (anniversary !== null) contact.dates.push({ label: "anniversary", date: anniversary });
  contact.note = noteText(get("notes"));
  addTags(contact.tags, get("categories").split(";"));
  for (const column of EMAIL_COLUMNS) addLabelled(contact.emails, get(column), null);
  for (const [column, label] of PHONE_COLUMNS) addLabelled(contact.phones, get(column), label);
  addLabelled(contact.urls, get("web page"), null);
  addLabelled(contact.urls, get("personal web page"), "home");
  addLabelled(contact.urls, get("business web page"), "work");
  for (const [column, relation] of RELATION_COLUMNS) {
    const name = get(column);
    if (name !== "") contact.related.push({ name, relation });
  }
  return finishRow(
    row,
    contact,
    {
      prefix: get("title"),
      first: get("first name"),
      middle: get("middle name"),
      last: get("last name"),
      suffix: get("suffix"),
    },
    warnings,
  );
}
