/** `goodwill demo`: loads the seed story into an empty store, dated relative to now. */
import { createAsk } from "../app/asks.js";
import { createCommitment } from "../app/commitments.js";
import { type AppContext, inWriteTransaction } from "../app/context.js";
import { addDepartment } from "../app/departments.js";
import { addNote, logInteraction, recordExchange } from "../app/moments.js";
import { addNeed, addOffer } from "../app/needs-offers.js";
import { addPerson, initProfile } from "../app/people.js";
import { type Counterpart, resolveCounterpart } from "../app/who.js";
import { DAY_MS } from "../domain/decay.js";
import { GoodwillError } from "../errors.js";
import { countPeople } from "../storage/person.repository.js";
import {
  ASKS,
  EMPTY_DEPARTMENTS,
  EXCHANGES,
  ME,
  MOMENTS,
  NEEDS,
  OFFERS,
  PEOPLE,
  PROMISES,
} from "./seed-story.js";

const daysBefore = (ctx: AppContext, days: number): AppContext => ({ ...ctx, now: ctx.now - days * DAY_MS });

function monthDay(ms: number): string {
  const d = new Date(ms);
  return `--${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export async function loadDemo(ctx: AppContext) {
  const existing = await countPeople(ctx.db, ctx.ownerId);
  if (existing > 0) {
    throw new GoodwillError(
      "conflict",
      `This store already has ${existing === 1 ? "1 person" : `${existing} people`}; the demo only loads into an empty store, so nothing of yours is mixed with it. Try: goodwill demo --db /tmp/goodwill-demo.db`,
    );
  }
  return inWriteTransaction(ctx, async (tx) => {
    await initProfile(daysBefore(tx, 1095), ME);
    for (const name of EMPTY_DEPARTMENTS) await addDepartment(tx, name);

    const ids = new Map<string, string>();
    for (const p of PEOPLE) {
      const added = await addPerson(daysBefore(tx, p.addedDaysAgo), {
        name: p.name,
        organization: p.organization ?? null,
        department: p.department ?? null,
        title: p.title ?? null,
        emails: p.emails ?? [],
        tags: p.tags ?? [],
        layer: p.layer,
        ...(p.closeness ? { closeness: p.closeness } : {}),
        ledgerMode: p.communal ? "communal" : "track",
        metText: p.metText ?? null,
        metOn:
          p.metDaysAgo !== undefined
            ? new Date(tx.now - p.metDaysAgo * DAY_MS).toISOString().slice(0, 10)
            : null,
        metThrough: p.metThrough ? (ids.get(p.metThrough) ?? null) : null,
        birthday: p.birthdayInDays !== undefined ? monthDay(tx.now + p.birthdayInDays * DAY_MS) : null,
      });
      ids.set(p.key, added.id);
      for (const note of p.notes ?? []) await addNote(daysBefore(tx, p.addedDaysAgo), added.id, note);
    }

    const counterpart = (key: string): Promise<Counterpart> =>
      resolveCounterpart(
        tx,
        key.startsWith("dept:") ? `dept:${ME.organization}/${key.slice(5)}` : (ids.get(key) as string),
      );

    for (const e of EXCHANGES) {
      await recordExchange(daysBefore(tx, e.daysAgo), await counterpart(e.with), {
        direction: e.direction,
        kind: e.kind,
        ...(e.weight !== undefined ? { weight: e.weight } : {}),
        summary: e.summary,
        at: tx.now - e.daysAgo * DAY_MS,
        channel: e.channel,
        ...(e.initiatedBy ? { initiatedBy: e.initiatedBy } : {}),
      });
    }
    for (const m of MOMENTS) {
      await logInteraction(
        daysBefore(tx, m.daysAgo),
        m.with.map((key) => ids.get(key) as string),
        {
          summary: m.summary,
          at: tx.now - m.daysAgo * DAY_MS,
          channel: m.channel,
          initiatedBy: m.initiatedBy,
        },
      );
    }
    for (const a of ASKS)
      await createAsk(
        daysBefore(tx, a.daysAgo),
        await counterpart(a.with),
        a.summary,
        tx.now - a.daysAgo * DAY_MS,
      );
    for (const p of PROMISES) {
      await createCommitment(daysBefore(tx, 14), await counterpart(p.with), {
        summary: p.summary,
        dueOn: new Date(tx.now + p.dueInDays * DAY_MS).toISOString().slice(0, 10),
        direction: p.direction,
      });
    }
    for (const n of NEEDS) await addNeed(daysBefore(tx, 20), ids.get(n.with) as string, n.text);
    for (const o of OFFERS) await addOffer(daysBefore(tx, 20), ids.get(o.with) as string, o.text);
    return {
      me: ME,
      people: PEOPLE.length,
      entries: EXCHANGES.length,
      moments: MOMENTS.length,
      asks: ASKS.length,
      promises: PROMISES.length,
    };
  });
}
