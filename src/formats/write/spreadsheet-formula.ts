/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab
 * or carriage return before one) as a formula, e.g. `=cmd|' /C calc'!A0`. A leading `'` makes it
 * text in Excel, LibreOffice and Google Sheets. Phone numbers such as `+1 555 0100` are prefixed
 * too: telling a harmless `+` from a formula is what attackers count on getting wrong. The full-width
 * `＝＋－＠` count as well: spreadsheets in East Asian locales read them as their ASCII forms.
 */

/** What a formula may start with. */
const FORMULA_CHARS = "=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20";

/**
 * Cells that would start a formula, also after any apostrophes: a value that itself begins `'=`
 * gets a second `'`, so that removing exactly one (see the generic CSV reader) always restores it.
 */
const FORMULA_START = new RegExp(`^'*[${FORMULA_CHARS}]`);

/** The apostrophe neutraliseFormula added. */
const ADDED_APOSTROPHE = new RegExp(`^'(?='*[${FORMULA_CHARS}])`);

/** The cell as a spreadsheet will show it as text, never run it as a formula. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes neutraliseFormula: a cell of our own export as it was before (others are left alone). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") ? cell.replace(ADDED_APOSTROPHE, "") : cell;
}
