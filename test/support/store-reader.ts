/**
 * A second connection that looks at a store while another process writes it (the kill tests):
 * `count(sql)` of a query that selects `n`.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { TestDialect } from "./stores.js";

export async function storeReader(dialect: TestDialect, url: string) {
  if (dialect === "sqlite") {
    const db = new Database(url, { readonly: true, timeout: 5000 });
    return {
      count: async (sql: string) => (db.prepare(sql).get() as { n: number }).n,
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url.replace(/\?.*$/, "") });
  await client.connect();
  return {
    count: async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n),
    close: () => client.end(),
  };
}
