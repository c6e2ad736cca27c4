/**
 * Stores as their users fill them, for the reminder tests: what happened in their week, in their
 * words, recorded through the service the CLI and the web app use. NOW (stores.ts) is Wednesday
 * 2026-11-25, 12:00 UTC; the notes these stories expect go out on Thursday morning.
 */
import { addUser, createApiToken } from "../../src/app/accounts.js";
import type { AppContext } from "../../src/app/context.js";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import { localService } from "../../src/service/local-service.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import type { Store } from "../../src/storage/store.js";
import { freshStore, NOW, type TestDialect } from "../support/stores.js";

/** The day after NOW: the morning the stories' notes are for. */
export const THURSDAY = "2026-11-26";
export const FRIDAY = "2026-11-27";

/**
 * Dana Whitfield works in Finance at Northwind, in Berlin. On Wednesday Kevin Liu from IT fixed her
 * laptop (she has not thanked him yet); she promised Priya Shah the onboarding deck for Thursday;
 * Marta Kowalski's birthday is on Friday; and she has coffee with Tom Becker every month or so, the
 * last time on 1 September. Her Thursday note should carry all four, thanks first.
 */
export async function danaStory(ctx: AppContext) {
  const dana = localService(ctx);
  await dana.init({
    name: "Dana Whitfield",
    organization: "Northwind",
    department: "Finance",
    timeZone: "Europe/Berlin",
  });
  const kevin = await dana.addPerson({ name: "Kevin Liu", organization: "Northwind", department: "IT" });
  await dana.recordExchange(
    { personId: kevin.id },
    { direction: "received", summary: "fixed my laptop", occurredAt: "today" },
  );
  const priya = await dana.addPerson({ name: "Priya Shah", organization: "Northwind", department: "People" });
  await dana.promise(
    { personId: priya.id },
    { summary: "send Priya the onboarding deck", dueOn: THURSDAY, direction: "i_owe" },
  );
  const marta = await dana.addPerson({ name: "Marta Kowalski", birthday: "--11-27" });
  const tom = await dana.addPerson({ name: "Tom Becker", cadenceDays: 30 });
  await dana.logInteraction({
    personIds: [tom.id],
    summary: "coffee at the canal",
    occurredAt: "2026-09-01",
  });
  return { kevin, priya, marta, tom };
}

/** Dana's own store (local mode, no accounts) with her email on, and its URL for other processes. */
export async function danaStore(dialect: TestDialect) {
  const { store, url } = await freshStore(dialect);
  const owner = await ensureLocalOwner(store.db, new Date(NOW).toISOString());
  const ctx: AppContext = { store, db: store.db, ownerId: owner.id, now: NOW };
  const people = await danaStory(ctx);
  await saveReminderSettings(ctx, { email: { address: "dana@northwind.example" } });
  return { ctx, url, people };
}

/** Someone helped the user today and has not been thanked: enough for a note. */
export async function helpedBy(ctx: AppContext, name: string, what: string) {
  const service = localService(ctx);
  const person = await service.addPerson({ name });
  await service.recordExchange(
    { personId: person.id },
    { direction: "received", summary: what, occurredAt: "today" },
  );
  return person;
}

/** A user whose store has nothing worth a note: one person, seen last week, no rhythm due. */
export async function quietStory(ctx: AppContext) {
  const service = localService(ctx);
  await service.init({ name: "Sam Quiet", timeZone: "Europe/Berlin" });
  const ada = await service.addPerson({ name: "Ada Brook", cadenceDays: 90 });
  await service.logInteraction({ personIds: [ada.id], summary: "lunch", occurredAt: "2026-11-20" });
}

/** A team account (its own private store inside the store) with an API token and a context at NOW. */
export async function teamAccount(store: Store, email: string, name: string) {
  const at = new Date(NOW).toISOString();
  const user = await addUser(store.db, { email, name, password: "correct horse battery" }, at);
  const { token } = await createApiToken(store.db, user.ownerId, "reminder tests", at);
  const ctx: AppContext = { store, db: store.db, ownerId: user.ownerId, now: NOW };
  return { ...user, token, ctx };
}
