/** An entry of the undo journal, as `undo --list --json`, the API and the web read it. */

export interface UndoEntryJson {
  id: string;
  kind: "write" | "import";
  action: string;
  description: string;
  createdAt: string;
  undoneAt: string | null;
  /** what undoing it did, once undone */
  undoSummary: string | null;
  /** imports: the file, its format and what it created and updated */
  import?: ImportMeta;
}

export interface ImportMeta {
  file: string;
  format: string;
  created: number;
  updated: number;
  unchanged: number;
}
