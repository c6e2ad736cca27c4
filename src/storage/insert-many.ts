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

/**
 * `insert into <table> … select * from unnest(…)` with its parameters numbered from `first`: each
 * column's values as one array parameter, appended to `parameters`.
 */
async function unnestInsert(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  parameters: unknown[],
): Promise<string> {
  const types = await typesOf(db, table);
  const casts = columns.map((c) => {
    const type = types.get(c);
    if (type === undefined) throw new Error(`${table} has no column ${c}`);
    parameters.push(rows.map((r) => r[c]));
    return `$${parameters.length}::${type}[]`;
  });
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) select * from unnest(${casts.join(", ")})`;
}

/** One statement for all the rows on PostgreSQL: each column's values as one array parameter. */
async function insertByArrays(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  const parameters: unknown[] = [];
  const text = await unnestInsert(db, table, columns, rows, parameters);
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/** The columns of rows that all have the same ones, none undefined; null when their shapes differ. */
function sharedColumns(rows: Record<string, unknown>[]): string[] | null {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  return rows.some((r) => Object.keys(r).length !== columns.length || columns.some((c) => r[c] === undefined))
    ? null
    : columns;
}

function parameterStyle(db: Kysely<Database>): "$" | "?" {
  let style = parameterStyles.get(db);
  if (style === undefined) {
    style = db.selectFrom("owners").select("id").where("id", "=", "").compile().sql.includes("$1")
      ? "$"
      : "?";
    parameterStyles.set(db, style);
  }
  return style;
}

/** Rows for one table, for `insertManyTogether`. */
export type TableRows = { table: keyof Database; rows: Record<string, unknown>[] };

/**
 * Inserts into several tables: on PostgreSQL in one statement (one `insert … unnest` a table, each
 * in a `with` of its own), one round trip where each table took one; elsewhere, or when a table's
 * rows differ in shape, `insertMany` a table at a time, in the order given. Foreign keys are checked
 * at the end of the statement, when every table's rows are in: a parent may come in the same call.
 */
export async function insertManyTogether(db: Kysely<Database>, writes: readonly TableRows[]): Promise<void> {
  const filled = writes.filter((w) => w.rows.length > 0);
  const shapes = filled.map((w) => sharedColumns(w.rows));
  if (parameterStyle(db) !== "$" || filled.length < 2 || shapes.some((s) => s === null)) {
    for (const w of filled) await insertMany(db, w.table, w.rows);
    return;
  }
  const parameters: unknown[] = [];
  const inserts: string[] = [];
  for (const [i, w] of filled.entries())
    inserts.push(await unnestInsert(db, w.table, shapes[i] as string[], w.rows, parameters));
  const last = inserts.pop() as string;
  const text = `with ${inserts.map((insert, i) => `"w${i}" as (${insert})`).join(", ")} ${last}`;
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/** Inserts rows of one shape in few statements; rows of mixed shapes go through Kysely. */
export async function insertMany<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = sharedColumns(rows);
  if (columns === null) {
    for (const chunk of chunked(rows, Object.keys(first).filter((c) => first[c] !== undefined).length))
      await db
        .insertInto(table)
        .values(chunk as InsertObject<Database, T>[])
        .execute();
    return;
  }
  if (parameterStyle(db) === "$") {
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
