import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, it } from "vitest";
import { IMPORT_BODY_LIMIT } from "../../src/http/middleware/body-limit.js";
import { ordinaryFile } from "../support/hostile-files.js";
import { describeEachDialect } from "../support/stores.js";
import { api, HOST } from "./support.js";

/*
 * Issue 11: one server runs one JSON restore at a time; a second, sent meanwhile, is refused with
 * 429 and says why. An upload goes to a private temporary file as it arrives (never whole into
 * memory), which is gone once the import is over, however it ended.
 */

const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith("goodwill-upload-"));

/** A request body sent in pieces, without a length: the server learns its size only by reading. */
function streamed(pieces: number, piece: Uint8Array): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < pieces) controller.enqueue(piece);
      else controller.close();
    },
  });
}

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

  it("an upload over 200 MB, sent without a length, is refused with 413 and leaves no file behind", {
    timeout: 120_000,
  }, async () => {
    const { app, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const before = uploads();
    const piece = new TextEncoder().encode(`${"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n".repeat(30_000)}`);
    const pieces = Math.ceil(IMPORT_BODY_LIMIT / piece.length) + 1;
    const response = await app.request(`http://${HOST}/api/v1/import?filename=huge.vcf`, {
      method: "POST",
      headers: { host: HOST, authorization: `Bearer ${token}` },
      body: streamed(pieces, piece),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("too_large");
    expect(uploads()).toEqual(before);
    // A good upload, sent the same way, imports and leaves nothing behind either.
    const ok = await app.request(`http://${HOST}/api/v1/import?filename=two.vcf`, {
      method: "POST",
      headers: { host: HOST, authorization: `Bearer ${token}` },
      body: streamed(
        1,
        new TextEncoder().encode("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n"),
      ),
      duplex: "half",
    } as RequestInit);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { created: number }).created).toBe(1);
    expect(uploads()).toEqual(before);
  });
});
