import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { describeEachDialect, NOW } from "../support/stores.js";
import { clientsPresent, run } from "./real-clients.js";
import { davServer } from "./support.js";

const present = clientsPresent(["vdirsyncer", "khard"]);
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

/** A vdirsyncer pair (Goodwill is `a`, a local vdir is `b`, "a wins" on a conflict) and khard on the vdir. */
function clients(url: string, username: string, password: string) {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-vdirsyncer-"));
  dirs.push(dir);
  const vdir = join(dir, "contacts");
  mkdirSync(vdir);
  const config = join(dir, "vdirsyncer.conf");
  writeFileSync(
    config,
    `[general]
status_path = "${join(dir, "status")}/"

[pair goodwill]
a = "goodwill_server"
b = "goodwill_local"
collections = null
conflict_resolution = "a wins"

[storage goodwill_server]
type = "carddav"
url = "${url}/dav/addressbooks/goodwill/"
username = "${username}"
password = "${password}"

[storage goodwill_local]
type = "filesystem"
path = "${vdir}/"
fileext = ".vcf"
`,
  );
  const khardConfig = join(dir, "khard.conf");
  writeFileSync(
    khardConfig,
    `[addressbooks]
[[goodwill]]
path = ${vdir}/

[general]
debug = no
default_action = list
editor = /bin/true
merge_editor = /bin/true

[contact table]
display = formatted_name
preferred_email_address_type = pref, work, home
preferred_phone_number_type = pref, cell, home
`,
  );
  const env = { HOME: dir, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };
  return {
    vdir,
    files: () =>
      readdirSync(vdir)
        .filter((f) => f.endsWith(".vcf"))
        .sort(),
    read: (file: string) => readFileSync(join(vdir, file), "utf8"),
    write: (file: string, text: string) => writeFileSync(join(vdir, file), text),
    remove: (file: string) => unlinkSync(join(vdir, file)),
    async sync() {
      const discover = await run("vdirsyncer", ["-c", config, "discover"], { env, input: "y\n" });
      expect(discover.code, discover.stderr).toBe(0);
      const synced = await run("vdirsyncer", ["-c", config, "sync"], { env });
      expect(synced.code, synced.stderr).toBe(0);
      return synced.stderr;
    },
    khard: (args: string[]) => run("khard", ["-c", khardConfig, ...args], { env }),
  };
}

describeEachDialect("CardDAV with Debian's vdirsyncer and khard", (dialect) => {
  it.skipIf(!present)(
    "syncs both ways with a local vdir that khard reads, a conflict resolved as configured and nothing lost",
    async () => {
      const server = await davServer(dialect);
      const login = await server.localLogin();
      const ctx: AppContext = { store: server.store, db: server.store.db, ownerId: login.ownerId, now: NOW };
      const service = journaledService(ctx);
      const ann = await service.addPerson({
        name: "Ann Lee",
        emails: ["ann@example.com"],
        title: "Engineer",
      });
      const phone = clients(server.url, login.username, login.password);

      // Goodwill → vdir, and khard reads what arrived.
      await phone.sync();
      expect(phone.files()).toHaveLength(1);
      const annFile = phone.files()[0] as string;
      expect(phone.read(annFile)).toContain("FN:Ann Lee");
      const listed = await phone.khard(["list"]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain("Ann Lee");
      const emails = await phone.khard(["email", "--parsable"]);
      expect(emails.stdout).toContain("ann@example.com");

      // vdir → Goodwill: a contact made on the "phone" becomes a person, kept properties and all.
      phone.write(
        "bruno.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:local-bruno\r\nN:Costa;Bruno;;;\r\nFN:Bruno Costa\r\nEMAIL:bruno@example.com\r\nX-PHONE-ONLY:keep me\r\nEND:VCARD\r\n",
      );
      await phone.sync();
      const people = await server.store.db
        .selectFrom("people")
        .select(["id", "display_name", "layer"])
        .execute();
      const bruno = people.find((p) => p.display_name === "Bruno Costa");
      expect(bruno?.layer).toBe(500);
      expect(people).toHaveLength(2);

      // Both sides edit Ann: Goodwill (a) wins as configured; Bruno's edit on the phone is no conflict and arrives.
      await service.editPerson(ann.id, { title: "Head of IT" });
      phone.write(annFile, phone.read(annFile).replace("TITLE:Engineer", "TITLE:Phone title"));
      phone.write(
        "bruno.vcf",
        phone.read("bruno.vcf").replace("END:VCARD", "TEL;TYPE=cell:+44 20 7946 0958\r\nEND:VCARD"),
      );
      await phone.sync();
      expect(phone.read(annFile)).toContain("TITLE:Head of IT");
      const annNow = await service.getPerson(ann.id);
      expect(annNow.title).toBe("Head of IT");
      const brunoNow = await service.getPerson(bruno?.id as string);
      expect(brunoNow.phones).toEqual(["+44 20 7946 0958"]);
      expect(phone.files()).toHaveLength(2);
      expect(await server.store.db.selectFrom("people").select("id").execute()).toHaveLength(2);

      // Goodwill does not answer a PUT with an ETag (it stores its own writing of the card), so
      // vdirsyncer fetches the card on the next run, as a phone's next periodic sync would.
      await phone.sync();
      const brunoCard = phone.read(phone.files().find((f) => phone.read(f).includes("Bruno")) as string);
      expect(brunoCard).toContain("PRODID:-//Goodwill//Goodwill//EN");
      expect(brunoCard).toContain("X-PHONE-ONLY:keep me");
      // Deletions travel both ways.
      await service.removePerson(ann.id);
      phone.remove(phone.files().find((f) => phone.read(f).includes("Bruno")) as string);
      await phone.sync();
      expect(phone.files()).toEqual([]);
      expect(await server.store.db.selectFrom("people").select("id").execute()).toEqual([]);
    },
    180_000,
  );
});
