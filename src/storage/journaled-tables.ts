/**
 * The tables whose rows the undo journal keeps (migration 0005), parents before children: rows are
 * put back in this order and removed in the reverse one. Each names its key; `skip` lists columns a
 * restore must not write (SQLite's search row number, PostgreSQL's generated search vector).
 * Aggregates (person_stats, department_stats, contact_days) are not journaled: an undo recomputes
 * them from the history it restored, so they are exact whatever else happened since.
 */
export const JOURNALED_TABLES = {
  organizations: { key: ["owner_id", "id"] },
  departments: { key: ["owner_id", "id"] },
  people: { key: ["owner_id", "id"] },
  person_emails: { key: ["owner_id", "person_id", "value_key"] },
  person_phones: { key: ["owner_id", "person_id", "value_key"] },
  person_urls: { key: ["owner_id", "person_id", "value"] },
  person_dates: { key: ["owner_id", "person_id", "label"] },
  person_related: { key: ["owner_id", "person_id", "position"] },
  interactions: { key: ["owner_id", "id"] },
  interaction_participants: { key: ["owner_id", "interaction_id", "person_id"] },
  exchanges: { key: ["owner_id", "id"] },
  asks: { key: ["owner_id", "id"] },
  commitments: { key: ["owner_id", "id"] },
  notes: { key: ["owner_id", "id"] },
  needs: { key: ["owner_id", "id"] },
  offers: { key: ["owner_id", "id"] },
  own_offers: { key: ["owner_id", "id"] },
  introductions: { key: ["owner_id", "id"] },
  capture_sources: { key: ["owner_id", "source_key"] },
  capture_correspondents: { key: ["owner_id", "email_key"] },
  inbox_items: { key: ["owner_id", "id"] },
  search_documents: { key: ["owner_id", "kind", "ref_id"], skip: ["doc_id", "tsv"] },
} as const satisfies Record<string, { key: readonly string[]; skip?: readonly string[] }>;

export type JournaledTable = keyof typeof JOURNALED_TABLES;

/** The key columns of a journaled table, and the columns a restore leaves out. */
export function journaledTable(table: JournaledTable): { key: readonly string[]; skip: readonly string[] } {
  const spec: { key: readonly string[]; skip?: readonly string[] } = JOURNALED_TABLES[table];
  return { key: spec.key, skip: spec.skip ?? [] };
}

export function isJournaledTable(name: string): name is JournaledTable {
  return Object.hasOwn(JOURNALED_TABLES, name);
}
