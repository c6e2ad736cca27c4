/*
 * `goodwill remind` as a laptop user meets it: set an address with `remind settings`, look first
 * with --dry-run (nothing sent, nothing recorded), send one channel with --channel, and read what
 * went wrong on standard error and in `remind settings`.
 */
import { expect, it } from "vitest";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { deliveriesOf } from "../../src/storage/reminder.repository.js";
import { cli } from "../support/cli.js";
import { describeEachDialect, NOW, openStoreAgain, type TestDialect } from "../support/stores.js";
import { danaStory, THURSDAY } from "./story.js";
import { httpReceiver, smtpCapture, wallClock } from "./support.js";

const DANA = "dana@northwind.example";
const EIGHT = new Date(wallClock(THURSDAY, "08:00", "Europe/Berlin")).toISOString();

/** Dana's store, her story in it, and her command line at Thursday 08:00 Berlin time. */
async function danaAtEight(dialect: TestDialect, env: Record<string, string>) {
  const goodwill = cli({ dialect, now: EIGHT, env });
  const store = await openStoreAgain(await goodwill.db);
  const owner = await ensureLocalOwner(store.db, new Date(NOW).toISOString());
  await danaStory({ store, db: store.db, ownerId: owner.id, now: NOW });
  const rows = async () => (await deliveriesOf(store.db, owner.id, "daily", THURSDAY)).map((r) => r.status);
  return { ...goodwill, rows };
}

describeEachDialect("goodwill remind on a laptop", (dialect) => {
  it("--dry-run shows the note that would go, and sends and records nothing; then remind sends it", async () => {
    const smtp = await smtpCapture();
    const { run, rows } = await danaAtEight(dialect, { GOODWILL_SMTP_URL: smtp.url() });
    const set = await run("remind", "settings", "--email", DANA);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`Email: ${DANA}, via the server's GOODWILL_SMTP_URL`);

    const dry = await run("remind", "--dry-run");
    expect(dry.code).toBe(0);
    const lines = dry.stdout.split("\n");
    expect(lines[0]).toBe(`The daily note for ${THURSDAY} by email: would be sent (dry run).`);
    expect(lines).toContain("Subject: Goodwill for Thursday: Thank Kevin Liu and 3 more things");
    expect(dry.stdout).toContain("1. Thank Kevin Liu\n  For “fixed my laptop”, yesterday.");
    expect(smtp.state.connections).toBe(0);
    expect(await rows()).toEqual([]);

    const real = await run("remind");
    expect(real.stdout.trim()).toBe(`The daily note for ${THURSDAY} by email: sent.`);
    await smtp.waitForMessages(1);
    expect(await rows()).toEqual(["sent"]);
  });

  it("--channel sends that channel only; a failure is said on stderr and in remind settings", async () => {
    const down = await smtpCapture();
    await down.stop();
    const hook = await httpReceiver();
    hook.answerWith(() => 200);
    const { run } = await danaAtEight(dialect, { GOODWILL_SMTP_URL: down.url() });
    await run("remind", "settings", "--email", DANA, "--webhook", `${hook.url}/dana`);

    const webhookOnly = await run("remind", "--channel", "webhook");
    expect(webhookOnly.stdout.trim()).toBe(`The daily note for ${THURSDAY} by webhook: sent.`);
    expect(down.state.connections).toBe(0);
    expect(hook.requests).toHaveLength(1);

    const rest = await run("remind");
    const refused = `Cannot reach the mail server 127.0.0.1:${down.port}: the connection was refused. Goodwill will try again.`;
    expect(rest.stderr).toBe(
      `goodwill: The daily note for ${THURSDAY} by email: not sent: ${refused} It is tried again on a later run.\n`,
    );
    expect(hook.requests).toHaveLength(1);

    const settings = await run("remind", "settings");
    expect(settings.stdout).toContain(`  email: nothing sent yet; last error: ${refused}`);
    expect(settings.stdout).toContain(`  webhook: last sent ${THURSDAY} 07:00 UTC`);

    const wrong = await run("remind", "--channel", "fax");
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--channel "fax" is not a channel: use email, push or webhook.');
  });
});
