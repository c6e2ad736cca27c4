/**
 * Reading many rows fast. better-sqlite3 builds each row object through V8's slow path, property by
 * property; handing rows back as arrays and shaping them here costs about half as much (measured
 * on the agenda's read of every person, bench/today.ts). A select marked with `ROWS_AS_ARRAYS` is
 * prepared in array mode by the SQLite connection (sqlite-dialect.ts); PostgreSQL ignores the
 * comment and its rows arrive as objects already.
 */
import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./schema.js";

export const ROWS_AS_ARRAYS = "/* rows as arrays */";

/**
 * Runs `query`, which selects exactly `columns` in this order, and returns its rows as objects.
 * The marker goes after `select` so the statement still reads as a plain select to the read cache.
 */
export async function readRows<O>(
  db: Kysely<Database>,
  query: Compilable<O>,
  columns: readonly (keyof O & string)[],
): Promise<O[]> {
  const compiled = query.compile();
  if (!/^select /.test(compiled.sql)) throw new Error("readRows reads selects only");
  const marked = `select ${ROWS_AS_ARRAYS} ${compiled.sql.slice("select ".length)}`;
  const { rows } = await db.executeQuery<unknown>(CompiledQuery.raw(marked, [...compiled.parameters]));
  if (rows.length === 0 || !Array.isArray(rows[0])) return rows as O[];
  const shaped: O[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as unknown[];
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c] as string] = values[c];
    shaped[r] = row as O;
  }
  return shaped;
}
