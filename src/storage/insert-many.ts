/**
 * Many new rows of one table written with few statements, past Kysely's compiler (imports,
 * restores): Kysely would turn every value into a node of a query tree and compile it, a tenth of an
 * import's time. SQLite gets multi-row inserts of a hundred rows whose text is made once per shape;
 * PostgreSQL gets one `insert … select * from unnest($1::text[], …)` per call, one array a column,
 * which it parses and plans once whatever the number of rows.
 */
import { CompiledQuery, type InsertObject, type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** Rows per statement so that a multi-row insert stays under SQLite's bound-parameter limit. */
function chunked<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** "$" where the dialect numbers its parameters ($1, PostgreSQL), "?" where it does not (SQLite). */
const parameterStyles = new WeakMap<Kysely<Database>, "$" | "?">();
/**
 * Rows per statement on SQLite: a statement of a hundred rows is as quick per row as one of
 * thousands, and the text of a few sizes is prepared once — a batch of any size is mostly statements
 * of exactly this many, where every remainder of a larger chunk was a new statement to prepare.
 */
const ROWS_PER_INSERT = 100;
/** The text of multi-row inserts by table, columns and row count: a few shapes per import. */
const insertTexts = new Map<string, string>();

function insertText(table: string, columns: readonly string[], rows: number): string {
  const key = `${table} ${columns.join(",")} ${rows}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const row = `(${columns.map(() => "?").join(", ")})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${Array.from({ length: rows }, () => row).join(", ")}`;
    // Remainders of every size would grow the map without end: start over instead.
    if (insertTexts.size >= 200) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/** PostgreSQL's type of each column of a table (`udt_name`: text, int4, …), read once per table. */
const columnTypes = new Map<string, Map<string, string>>();

async function typesOf(db: Kysely<Database>, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (types === undefined) {
    const rows = await sql<{ column_name: string; udt_name: string }>`
      select column_name, udt_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    types = new Map(rows.rows.map((r) => [r.column_name, r.udt_name]));
    columnTypes.set(table, types);
  }
  return types;
}

/** One statement for all the rows on PostgreSQL: each column's values as one array parameter. */
async function insertByArrays(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  const types = await typesOf(db, table);
  const casts = columns.map((c, i) => {
    const type = types.get(c);
    if (type === undefined) throw new Error(`${table} has no column ${c}`);
    return `$${i + 1}::${type}[]`;
  });
  const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) select * from unnest(${casts.join(", ")})`;
  await db.executeQuery(
    CompiledQuery.raw(
      text,
      columns.map((c) => rows.map((r) => r[c])),
    ),
  );
}

/** Inserts rows of one shape in few statements; rows of mixed shapes go through Kysely. */
export async function insertMany<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  if (rows.some((r) => Object.keys(r).length !== columns.length || columns.some((c) => r[c] === undefined))) {
    for (const chunk of chunked(rows, columns.length))
      await db
        .insertInto(table)
        .values(chunk as InsertObject<Database, T>[])
        .execute();
    return;
  }
  let style = parameterStyles.get(db);
  if (style === undefined) {
    style = db.selectFrom("owners").select("id").where("id", "=", "").compile().sql.includes("$1")
      ? "$"
      : "?";
    parameterStyles.set(db, style);
  }
  if (style === "$") {
    await insertByArrays(db, table, columns, rows);
    return;
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const c of columns) parameters.push(row[c]);
    await db.executeQuery(CompiledQuery.raw(insertText(table, columns, chunk.length), parameters));
  }
}
