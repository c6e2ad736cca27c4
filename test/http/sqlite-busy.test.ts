/**
 * SQLite: another process holds the write lock (a CLI import beside the server, issue 11 item 7).
 * The server's write waits without blocking the event loop, so /healthz and reads answer at once;
 * the write goes through when the lock is let go, or answers 503 store_unavailable with Retry-After
 * once it has waited long enough.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { freshStore, NOW } from "../support/stores.js";
import { HOST, tokenCaller } from "./support.js";

const others: Database.Database[] = [];
afterEach(() => {
  for (const other of others.splice(0)) {
    if (other.inTransaction) other.exec("rollback");
    other.close();
  }
});

async function server() {
  const { store, url } = await freshStore("sqlite");
  const at = new Date(NOW).toISOString();
  const user = await addUser(store.db, { email: "ann@example.com", password: "correct horse battery" }, at);
  const { token } = await createApiToken(store.db, user.ownerId, "test", at);
  const app = createApp({ store, boundHosts: [HOST], clock: () => NOW });
  const call = tokenCaller(app, token);
  // The first request notes the token's use (a write): made before anyone holds the lock.
  expect((await call("POST", "/api/v1/people", { name: "Raj Patel" })).status).toBe(201);
  /** Another process (a second connection to the file) takes the write lock and keeps it. */
  const holdLock = () => {
    const other = new Database(url);
    others.push(other);
    other.exec("begin immediate");
    return other;
  };
  return { store, url, call, holdLock };
}

/** While `pending` is unsettled, /healthz and a read answer quickly, again and again. */
async function answersMeanwhile(
  call: Awaited<ReturnType<typeof server>>["call"],
  pending: { settled: boolean },
  times: number,
) {
  for (let i = 0; i < times && !pending.settled; i++) {
    const health = await call("GET", "/healthz");
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(200);
    const people = await call("GET", "/api/v1/people");
    expect(people.status).toBe(200);
    expect(people.ms).toBeLessThan(200);
  }
}

describe("the server beside another SQLite writer", () => {
  it("a write waits for the lock without blocking the event loop, and goes through when it is let go", async () => {
    const { call, holdLock } = await server();
    const other = holdLock();
    const pending = { settled: false };
    const write = call("POST", "/api/v1/people", { name: "Dana Scully" }).finally(() => {
      pending.settled = true;
    });
    await answersMeanwhile(call, pending, 10);
    expect(pending.settled).toBe(false);
    other.exec("commit");
    const written = await write;
    expect(written.status).toBe(201);
    expect((await call("GET", "/api/v1/people")).body.total).toBe(2);
  });

  it("a write that cannot have the lock in time answers 503 store_unavailable with Retry-After", async () => {
    const { store, call, holdLock } = await server();
    store.serveRequests({ writeWaitMs: 600 });
    holdLock();
    const pending = { settled: false };
    const write = call("POST", "/api/v1/people", { name: "Dana Scully" }).finally(() => {
      pending.settled = true;
    });
    await answersMeanwhile(call, pending, 1_000);
    const refused = await write;
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe("5");
    expect(refused.body.error).toMatchObject({ code: "store_unavailable" });
    expect(refused.body.error.message).toMatch(/busy/);
    expect(refused.ms).toBeGreaterThanOrEqual(550);
  });

  it("beside a CLI import in another process, writes go through and /healthz answers at once", async () => {
    const { url, call } = await server();
    const dir = mkdtempSync(join(tmpdir(), "goodwill-import-beside-"));
    try {
      const cards = 8_000;
      const file = join(dir, "contacts.vcf");
      writeFileSync(
        file,
        Array.from(
          { length: cards },
          (_, i) =>
            `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-${i}\r\nN:Person${i};Test;;;\r\nFN:Test Person${i}\r\nEMAIL:person${i}@example.com\r\nORG:Company ${i % 50}\r\nEND:VCARD\r\n`,
        ).join(""),
      );
      const child = spawn(process.execPath, ["dist/goodwill.cjs", "--db", url, "import", file], {
        stdio: "ignore",
      });
      let exitCode: number | null = null;
      const exited = new Promise<void>((resolve) =>
        child.once("exit", (code) => {
          exitCode = code;
          resolve();
        }),
      );
      // Once the import has committed its first batch, write beside it while it goes on.
      const deadline = Date.now() + 20_000;
      const reader = new Database(url, { readonly: true });
      others.push(reader);
      const count = () => (reader.prepare("select count(*) as n from people").get() as { n: number }).n;
      while (exitCode === null && count() <= 1) {
        if (Date.now() > deadline) throw new Error("the import wrote nothing in 20 s");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      let besideImport = 0;
      for (let i = 0; i < 20 && exitCode === null; i++) {
        const written = await call("POST", "/api/v1/people", { name: `Beside ${i}` });
        expect(written.status).toBe(201);
        const health = await call("GET", "/healthz");
        expect(health.status).toBe(200);
        expect(health.ms).toBeLessThan(200);
        if (exitCode === null) besideImport++;
      }
      await exited;
      expect(exitCode).toBe(0);
      expect(besideImport).toBeGreaterThanOrEqual(3);
      expect(count()).toBeGreaterThanOrEqual(cards + 1 + besideImport);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
