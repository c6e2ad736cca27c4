/** The kinds of record that can be edited and deleted, as the CLI and the API name them. */
export const RECORD_KINDS = [
  "ledger",
  "moment",
  "note",
  "promise",
  "ask",
  "need",
  "offer",
  "own-offer",
  "intro",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
