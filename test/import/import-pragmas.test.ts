import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { withBulkImport } from "../../src/storage/contact-import.repository.js";
import type { Store } from "../../src/storage/store.js";
import { freshStore } from "../support/stores.js";

let open: Store | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function pragmas(store: Store): Promise<{ cache: number; checkpoint: number; temp: number }> {
  const read = async (name: string) =>
    Number(Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0]);
  return {
    cache: await read("cache_size"),
    checkpoint: await read("wal_autocheckpoint"),
    temp: await read("temp_store"),
  };
}

describe("an import's settings on an SQLite store", () => {
  it("a CLI command's import has the process to itself; the server's does not; both put the settings back", async () => {
    const { store } = await freshStore("sqlite");
    open = store;
    const before = await pragmas(store);
    const during = await withBulkImport(store.db, store.dialect, async (bulk) => ({
      bulk,
      ...(await pragmas(store)),
    }));
    expect(during.bulk.alone).toBe(true);
    // 128 MiB of cache, a checkpoint per 64 MiB of WAL, statement journals in memory (2)
    expect(during).toMatchObject({ cache: -131072, checkpoint: 16384, temp: 2 });
    expect(await pragmas(store)).toEqual(before);

    store.serveRequests();
    const served = await withBulkImport(store.db, store.dialect, async (bulk) => bulk);
    expect(served.alone).toBe(false);
    expect(await pragmas(store)).toEqual(before);
  });

  it("an import that fails puts them back too", async () => {
    const { store } = await freshStore("sqlite");
    open = store;
    const before = await pragmas(store);
    const failing = withBulkImport(store.db, store.dialect, async () => {
      throw new Error("the file ended early");
    });
    await expect(failing).rejects.toThrow("the file ended early");
    expect(await pragmas(store)).toEqual(before);
  });
});
