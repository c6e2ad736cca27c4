import { expect, it } from "vitest";
import { ordinaryFile } from "../support/hostile-files.js";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

/*
 * Issue 11: a JSON restore holds its whole backup in memory and the store for its length, so one
 * server runs one at a time; a second, sent meanwhile, is refused with 429 and says why.
 */

describeEachDialect("restoring a backup through the API", (dialect) => {
  it("refuses a second restore while one runs, and takes the next once it has finished", {
    timeout: 120_000,
  }, async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const imported = await call("POST", "/api/v1/import?filename=people.vcf", {
      ...t,
      raw: ordinaryFile("vcard", 400_000),
    });
    expect(imported.status).toBe(200);
    const backup = (await call("GET", "/api/v1/export?format=json", t)).body;
    const raw = JSON.stringify(backup);

    // One named as a backup, one found to be one (auto): both count as restores.
    const [first, second] = await Promise.all([
      call("POST", "/api/v1/import?format=json", { ...t, raw }),
      call("POST", "/api/v1/import?filename=backup.json", { ...t, raw }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 429]);
    const refused = first.status === 429 ? first : second;
    expect(refused.body.error).toMatchObject({ code: "rate_limited" });
    expect(refused.body.error.message).toContain("Another backup is being restored on this server");

    // A failed restore gives its turn back too.
    expect((await call("POST", "/api/v1/import?format=json", { ...t, raw: "{not json" })).status).toBe(422);
    const again = await call("POST", "/api/v1/import?filename=backup.json", { ...t, raw });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ format: "json", created: 0 });

    // Address books are not restores: several import at once.
    const books = await Promise.all(
      [0, 1].map((k) =>
        call("POST", "/api/v1/import?filename=more.vcf", {
          ...t,
          raw: ordinaryFile("vcard", 20_000, 10_000 * (k + 1)),
        }),
      ),
    );
    expect(books.map((b) => b.status)).toEqual([200, 200]);
  });
});
