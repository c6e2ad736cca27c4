/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab
 * or carriage return before one) as a formula, e.g. `=cmd|' /C calc'!A0`. A leading `'` makes it
 * text in Excel, LibreOffice and Google Sheets. Phone numbers such as `+1 555 0100` are prefixed
 * too: telling a harmless `+` from a formula is what attackers count on getting wrong.
 */

/**
 * Cells that would start a formula, also after any apostrophes: a value that itself begins `'=`
 * gets a second `'`, so that removing exactly one (see the generic CSV reader) always restores it.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it as text, never run it as a formula. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
