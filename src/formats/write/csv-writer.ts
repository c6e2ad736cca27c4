import { stringify } from "csv-stringify/sync";
import { formatPartialDate } from "../../domain/partial-date.js";
import type { ContactRecord, LabelledValue } from "../contact-record.js";
import { neutraliseFormula } from "./spreadsheet-formula.js";

/*
 * A spreadsheet of contacts whose header our generic CSV reader (src/formats/read/generic-csv.ts)
 * recognises, so that export → import gives the same names, emails, phones, organization, title,
 * tags, birthday, websites and notes. "First Name"/"Last Name" rather than "Given Name"/"Family
 * Name": with the latter two, format detection takes the file for a Google export.
 *
 * One value per cell: emails, phones and websites get numbered columns ("Email", "Email 2", …) as
 * many as the fullest contact needs; the common labels have columns of their own ("Work Email",
 * "Mobile"), which the reader turns back into the label. JSON is the lossless export; this is the
 * one people open in a spreadsheet.
 */

export interface ContactsCsvOptions {
  /** Start with a UTF-8 byte order mark, without which Excel reads UTF-8 as Windows-1252. */
  bom?: boolean;
}

/** A family of numbered columns and which labelled values go in it. */
interface Family {
  column: string;
  /** Whether the column is in the header even when no contact has a value for it. */
  always: boolean;
  values: (contact: ContactRecord) => LabelledValue[];
}

/** The labels whose own columns the reader maps back to them; every other label shares the plain column. */
const EMAIL_LABELS = { work: "Work Email", home: "Home Email", other: "Other Email" };
const PHONE_LABELS = { mobile: "Mobile", work: "Work Phone", home: "Home Phone", other: "Other Phone" };

const FAMILIES: Record<"emails" | "phones" | "urls", Family[]> = {
  emails: splitByLabel("Email", (c) => c.emails, EMAIL_LABELS),
  phones: splitByLabel("Phone", (c) => c.phones, PHONE_LABELS),
  urls: [{ column: "Website", always: true, values: (c) => c.urls }],
};

/** The plain family, which takes unlabelled values and uncommon labels, then one family per common label. */
function splitByLabel(
  plain: string,
  values: (contact: ContactRecord) => LabelledValue[],
  labelled: Record<string, string>,
): Family[] {
  const isOwn = (label: string | null) => label !== null && Object.hasOwn(labelled, label);
  return [
    { column: plain, always: true, values: (c) => values(c).filter((v) => !isOwn(v.label)) },
    ...Object.entries(labelled).map(([label, column]) => ({
      column,
      always: false,
      values: (c: ContactRecord) => values(c).filter((v) => v.label === label),
    })),
  ];
}

/**
 * Columns of the file: a text column, or a family's numbered columns, which a contact's values fill
 * in order. A family's values are worked out once per contact and row, not once per column: one
 * person with 20,000 emails has 20,000 columns, and a filter of the list for each took 20 seconds.
 */
type ColumnGroup =
  | { kind: "text"; header: string; cell: (contact: ContactRecord) => string }
  | { kind: "numbered"; family: Family; slots: number };

/** The columns for these contacts: the fixed ones, and as many numbered ones as the fullest contact needs. */
function columnsFor(contacts: readonly ContactRecord[]): ColumnGroup[] {
  const numbered = (family: Family): ColumnGroup => {
    let slots = family.always ? 1 : 0;
    for (const contact of contacts) slots = Math.max(slots, present(family.values(contact)).length);
    return { kind: "numbered", family, slots };
  };
  const text = (header: string, cell: (contact: ContactRecord) => string | null): ColumnGroup => ({
    kind: "text",
    header,
    cell: (contact) => cell(contact) ?? "",
  });
  return [
    text("Name", (c) => c.displayName),
    text("First Name", (c) => c.givenName),
    text("Last Name", (c) => c.familyName),
    text("Nickname", (c) => c.nickname),
    ...FAMILIES.emails.map(numbered),
    ...FAMILIES.phones.map(numbered),
    text("Organization", (c) => c.organization),
    text("Department", (c) => c.department),
    text("Title", (c) => c.title),
    // The reader splits tags at ";", "," and "|"; a tag containing one comes back as two.
    text("Tags", (c) => c.tags.join("; ")),
    text("Birthday", (c) => (c.birthday === null ? null : formatPartialDate(c.birthday))),
    ...FAMILIES.urls.map(numbered),
    text("Notes", (c) => c.note),
    text("Met On", (c) => c.metOn),
  ];
}

function headerRow(groups: readonly ColumnGroup[]): string[] {
  const out: string[] = [];
  for (const group of groups) {
    if (group.kind === "text") out.push(group.header);
    else
      for (let i = 0; i < group.slots; i++)
        out.push(i === 0 ? group.family.column : `${group.family.column} ${i + 1}`);
  }
  return out;
}

function row(groups: readonly ColumnGroup[], contact: ContactRecord): string[] {
  const out: string[] = [];
  for (const group of groups) {
    if (group.kind === "text") {
      out.push(neutraliseFormula(group.cell(contact)));
      continue;
    }
    const values = present(group.family.values(contact));
    for (let i = 0; i < group.slots; i++) out.push(neutraliseFormula(values[i] ?? ""));
  }
  return out;
}

function present(values: LabelledValue[]): string[] {
  return values.map((v) => v.value.trim()).filter((v) => v !== "");
}

/** The header row for these contacts; without any, the columns every export has. */
export function csvHeader(contacts: readonly ContactRecord[] = []): string[] {
  return headerRow(columnsFor(contacts));
}

/** Contacts as CSV text: a header row, one row per contact, CRLF line ends, formula cells neutralised. */
export function writeContactsCsv(
  contacts: Iterable<ContactRecord>,
  options: ContactsCsvOptions = {},
): string {
  // The header depends on the fullest contact, so every contact is seen before the first row.
  const all = [...contacts];
  const groups = columnsFor(all);
  const rows = [headerRow(groups), ...all.map((contact) => row(groups, contact))];
  // csv-stringify quotes a cell with the record delimiter (CRLF) but not a lone CR or LF, at which a
  // spreadsheet still starts a new row: the rest of a note would become cells of a row of its own,
  // a line "@SUM(1+1)" the first of them, past the formula neutralising.
  return stringify(rows, {
    bom: options.bom ?? false,
    record_delimiter: "windows",
    quoted_match: /[\r\n]/,
  });
}
