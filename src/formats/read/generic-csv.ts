import { emptyContact, type FieldWarning, type ReadResult, shownValue } from "../contact-record.js";
import { restoreFormula } from "../write/spreadsheet-formula.js";
import { addLabelled, addTags, CsvColumns, finishRow, noteText, orNull } from "./csv-columns.js";
import { type CsvRow, readCsvRows } from "./csv-rows.js";
import { dateOrWarning, isoDate, parseLooseDate } from "./date-text.js";

/**
 * Any CSV with a header row, its columns recognised by name: what people make in a spreadsheet.
 * Names are compared after dropping case, spaces and punctuation ("E-mail Address" = "emailaddress").
 */

const NAME = ["name", "fullname", "displayname", "contactname", "contact"];
const FIRST = ["firstname", "givenname", "first", "forename"];
const MIDDLE = ["middlename", "additionalname"];
const LAST = ["lastname", "surname", "familyname", "last"];
const ORGANIZATION = ["organization", "organisation", "company", "companyname", "org", "employer"];
const DEPARTMENT = ["department", "dept"];
const TITLE = ["title", "jobtitle", "position", "role"];
const TAGS = ["tags", "tag", "labels", "label", "categories", "category", "groups", "group"];
const BIRTHDAY = ["birthday", "birthdate", "dateofbirth", "dob"];
const NOTES = ["notes", "note", "comments", "comment"];
const NICKNAME = ["nickname"];
/** When we met: our own CSV export's "Met On". */
const MET_ON = ["meton", "connectedon"];
/** How or where we met: an attendee list's event ("Met", "How we met", "Event"). */
const MET_TEXT = ["met", "howwemet", "metat", "wherewemet", "event", "eventname"];

/** Email columns: "Email", "E-mail 2", "Work email", "Email Address"… */
const EMAIL = /^(work|home|personal|other|private|business)?(email|mail)(address)?\d*$/;
/** Phone columns: "Phone", "Mobile", "Work phone", "Telephone 2"… */
const PHONE =
  /^(work|home|personal|other|business|private)?(phone|mobile|mobilephone|cell|cellphone|telephone|tel|phonenumber)\d*$/;
const WEB = /^(url|website|web|webpage|homepage|linkedin|linkedinurl|profileurl)\d*$/;

function key(column: string): string {
  return column.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Whether a header has a column that names a person or gives an email: enough to import rows. */
export function isGenericContactHeader(cells: readonly string[]): boolean {
  return cells.some((cell) => {
    const k = key(cell);
    return NAME.includes(k) || FIRST.includes(k) || LAST.includes(k) || EMAIL.test(k);
  });
}

/** Reads a CSV with a header row whose column names say what they hold, one result per row. */
export async function* readGenericCsv(source: AsyncIterable<Uint8Array>): AsyncGenerator<ReadResult> {
  let columns: GenericColumns | null = null;
  for await (const row of readCsvRows(source, {
    isHeader: (cells) => cells.some((cell) => cell.trim() !== ""),
    sniffDelimiter: true,
    headerDescription: "a header row",
  })) {
    if (!("cells" in row)) {
      yield row;
      continue;
    }
    columns ??= new GenericColumns(row.header);
    yield columns.contact(withFormulasRestored(row));
  }
}

/**
 * Undoes the neutralising of our own CSV export (src/formats/write/spreadsheet-formula.ts), which
 * puts one `'` before a cell that would start a formula, such as a phone number `+1 555 0100`.
 */
function withFormulasRestored(row: CsvRow): CsvRow {
  if (!row.cells.some((cell) => cell.startsWith("'"))) return row;
  return { ...row, cells: row.cells.map(restoreFormula) };
}

/** Which column holds what, decided once per header. */
class GenericColumns {
  private readonly byKey = new Map<string, string>();
  private readonly cells: CsvColumns;
  /** Columns that hold nothing Goodwill reads (an address, a fax …), and those already reported. */
  private readonly unread: { index: number; name: string }[] = [];
  private readonly reported = new Set<number>();

  constructor(readonly header: readonly string[]) {
    this.cells = new CsvColumns(header);
    for (const column of header) if (!this.byKey.has(key(column))) this.byKey.set(key(column), column);
    const known = new Set([
      ...NAME,
      ...FIRST,
      ...MIDDLE,
      ...LAST,
      ...ORGANIZATION,
      ...DEPARTMENT,
      ...TITLE,
      ...TAGS,
      ...BIRTHDAY,
      ...NOTES,
      ...NICKNAME,
      ...MET_ON,
      ...MET_TEXT,
    ]);
    header.forEach((name, index) => {
      const k = key(name);
      if (k !== "" && !known.has(k) && !EMAIL.test(k) && !PHONE.test(k) && !WEB.test(k))
        this.unread.push({ index, name: name.trim() });
    });
  }

  /** A column Goodwill does not read is reported once, on the first row that has something in it. */
  private unreadColumns(row: CsvRow, warnings: FieldWarning[]): void {
    for (const { index, name } of this.unread) {
      if (this.reported.has(index) || !row.cells[index]?.trim()) continue;
      this.reported.add(index);
      warnings.push({
        field: "column",
        message: `column ${shownValue(name)} is not a field Goodwill keeps: left out (in every row)`,
      });
    }
  }

  private columns(keys: readonly string[]): string[] {
    return keys.flatMap((k) => this.byKey.get(k) ?? []);
  }

  private matching(pattern: RegExp): { column: string; label: string | null }[] {
    const out: { column: string; label: string | null }[] = [];
    for (const [k, column] of this.byKey) {
      const match = pattern.exec(k);
      if (!match) continue;
      const whose = match[1] ?? null;
      const label =
        whose === "personal" || whose === "private" ? "home" : whose === "business" ? "work" : whose;
      out.push({ column, label: label ?? (/mobile|cell/.test(k) ? "mobile" : null) });
    }
    return out;
  }

  contact(row: CsvRow): ReadResult {
    const columns = this.cells;
    const get = (keys: readonly string[]) => columns.get(row.cells, ...this.columns(keys));
    const contact = emptyContact("");
    const warnings: FieldWarning[] = [];
    this.unreadColumns(row, warnings);
    contact.nickname = orNull(get(NICKNAME));
    contact.organization = orNull(get(ORGANIZATION));
    contact.department = orNull(get(DEPARTMENT));
    contact.title = orNull(get(TITLE));
    contact.birthday = dateOrWarning(
      get(BIRTHDAY),
      parseLooseDate,
      { field: "birthday", words: "birthday" },
      warnings,
    );
    contact.note = noteText(get(NOTES));
    contact.metText = orNull(get(MET_TEXT));
    contact.metOn = isoDate(
      dateOrWarning(get(MET_ON), parseLooseDate, { field: "metOn", words: "met on" }, warnings),
    );
    addTags(contact.tags, get(TAGS).split(/[;,|]/));
    for (const { column, label } of this.matching(EMAIL)) {
      for (const email of columns.get(row.cells, column).split(/[;,]/))
        addLabelled(contact.emails, email, label);
    }
    for (const { column, label } of this.matching(PHONE))
      addLabelled(contact.phones, columns.get(row.cells, column), label);
    for (const { column } of this.matching(WEB))
      addLabelled(contact.urls, columns.get(row.cells, column), null);
    return finishRow(
      row,
      contact,
      {
        full: get(NAME),
        first: get(FIRST),
        middle: get(MIDDLE),
        last: get(LAST),
      },
      warnings,
    );
  }
}
