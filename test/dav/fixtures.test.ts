import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createDavPassword } from "../../src/app/dav-passwords.js";
import { VCardSplitter } from "../../src/formats/read/vcard-card-splitter.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { api, HOST } from "../http/support.js";
import { describeEachDialect, NOW } from "../support/stores.js";

/** The shared fixtures, read in place (they are not copied into the project). */
const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/vcard/", import.meta.url));
const FILES = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".vcf"));

/**
 * What Goodwill writes itself from a card (so may write differently): everything else on a card
 * must come back from a GET as the phone sent it. Written out here rather than imported, so the test
 * does not take the server's word for what it keeps.
 */
const MODELLED =
  /^(?:[\w-]+\.)?(BEGIN|END|VERSION|PRODID|REV|UID|N|FN|NICKNAME|ORG|TITLE|EMAIL|TEL|URL|X-SOCIALPROFILE|CATEGORIES|BDAY|X-ABDATE|X-ABLABEL|ANNIVERSARY|X-[\w-]*ANNIVERSARY|RELATED|X-ABRELATEDNAMES|X-[\w-]*(SPOUSE|MANAGER|ASSISTANT)|X-GOODWILL-MET(-ON)?)[;:]/i;

/** Logical lines, folding undone, of the card's top level (a nested 2.1 AGENT card aside). */
function topLevelLines(text: string): string[] {
  const lines = text
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(/\n[ \t]/g, "")
    .split("\n");
  const out: string[] = [];
  let depth = 0;
  for (const line of lines) {
    if (/^BEGIN:VCARD/i.test(line)) depth++;
    else if (/^END:VCARD/i.test(line)) depth--;
    else if (depth === 1 && /^[\w-]+(\.[\w-]+)?[;:]/.test(line)) out.push(line);
  }
  return out;
}

function cardsOf(file: string): Uint8Array[] {
  const splitter = new VCardSplitter();
  const raws = [...splitter.push(new Uint8Array(readFileSync(FIXTURES + file))), ...splitter.finish()];
  return raws.flatMap((raw) => ("binary" in raw ? [Buffer.from(raw.binary, "latin1")] : []));
}

describeEachDialect("every vCard fixture through CardDAV", (dialect) => {
  it("is PUT, read back by GET, and keeps the properties Goodwill does not model", async () => {
    expect(FILES.length).toBeGreaterThan(20);
    const { app, store } = await api(dialect);
    const at = new Date(NOW).toISOString();
    const owner = await ensureLocalOwner(store.db, at);
    const { password } = await createDavPassword(store.db, owner.id, "fixtures", at);
    const authorization = `Basic ${Buffer.from(`me:${password}`).toString("base64")}`;
    const request = (method: string, path: string, body?: Uint8Array) =>
      app.request(`http://${HOST}${path}`, {
        method,
        headers: { host: HOST, authorization, "content-type": "text/vcard" },
        ...(body ? { body } : {}),
      });

    let cards = 0;
    let keptLines = 0;
    for (const file of FILES) {
      for (const [i, bytes] of cardsOf(file).entries()) {
        const path = `/dav/addressbooks/goodwill/${encodeURIComponent(`${file.replace(/\W/g, "-")}-${i}`)}.vcf`;
        const put = await request("PUT", path, bytes);
        const sent = topLevelLines(Buffer.from(bytes).toString("utf8"));
        if (!sent.some((line) => /^(?:[\w-]+\.)?(FN|N|ORG|EMAIL|NICKNAME)[;:]/i.test(line))) {
          // A person needs a name: a card without one is refused, and says why.
          expect(put.status, `${file} card ${i + 1}`).toBe(422);
          expect(await put.text()).toContain("no name, organization or email");
          continue;
        }
        expect(put.status, `${file} card ${i + 1}: ${await put.clone().text()}`).toBeOneOf([201, 204]);
        const got = await request("GET", path);
        expect(got.status, `${file} card ${i + 1}`).toBe(200);
        const served = topLevelLines(await got.text());
        const unmodelled = sent.filter((line) => !MODELLED.test(line));
        // What Goodwill keeps comes back whole (a 2.1 line continued by its encoding: its first line).
        for (const line of unmodelled)
          expect(
            served.some((s) => s.startsWith(line.slice(0, 60))),
            `${file} card ${i + 1} lost ${line.slice(0, 80)}`,
          ).toBe(true);
        expect(served.some((s) => s.startsWith("FN:"))).toBe(true);
        cards++;
        keptLines += unmodelled.length;
      }
    }
    expect(cards).toBeGreaterThan(30);
    // ADR, PHOTO, NOTE, X- properties and the rest: enough of them to mean something.
    expect(keptLines).toBeGreaterThan(100);
  });
});
