/** What an import or a restore reports, as `import --json`, the API and the web read it. */

export interface ImportResult {
  format: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: { record: number; line: number; message: string }[];
  /** What was left out of or shortened in the records that were imported. */
  warnings: ImportWarning[];
}

/** A restore's report: an import of a Goodwill JSON backup. */
export interface RestoreResult extends ImportResult {
  format: "json";
}

/** A value of an imported record that was left out or shortened, and why. */
export interface ImportWarning {
  record: number;
  line: number;
  /** the person's field as the API names it: "birthday", "emails", "note" … */
  field: string;
  message: string;
}

/** The report before the first record is read: nothing counted yet. */
export function emptyImportResult<F extends string>(format: F): ImportResult & { format: F } {
  return { format, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [], warnings: [] };
}
