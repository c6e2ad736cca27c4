/**
 * The agenda's read model (issue 15 §1, issue 16 §2): the reads `today` and the advice it words make,
 * each scoped to one owner by `agendaReads`. Thanks owed are ranked here from the epoch-ms instants
 * kept on write (migration 0011), so the section costs an index range, not everyone's dates.
 */
import type { Kysely } from "kysely";
import { DAY_MS } from "../domain/decay.js";
import { THANKS_WINDOW_DAYS } from "../domain/defaults.js";
import type { Database } from "./schema.js";

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Epoch ms as the dialect returns it (PostgreSQL gives a bigint as text). */
const msOf = (value: number | string | null): number | null => (value === null ? null : Number(value));

export interface OwedPerson {
  id: string;
  name: string;
  /** the last help received, epoch ms */
  at: number;
}

/** The reads of the agenda, every one filtered to `ownerId` here and nowhere else. */
export function agendaReads(db: Kysely<Database>, ownerId: string) {
  /** people not archived with their aggregates, of this owner */
  const activeStats = () =>
    db
      .selectFrom("person_stats as s")
      .innerJoin("people as p", (j) =>
        j.onRef("p.owner_id", "=", "s.owner_id").onRef("p.id", "=", "s.person_id"),
      )
      .where("s.owner_id", "=", ownerId)
      .where("p.archived", "=", 0);

  /** People helped within the thanks window and not thanked since (domain rule `thanksOwed`). */
  const owedToPeople = (now: number) =>
    activeStats()
      .where("s.last_received_ms", ">=", now - THANKS_WINDOW_DAYS * DAY_MS)
      .where((eb) =>
        eb.or([
          eb("s.last_thanks_ms", "is", null),
          eb("s.last_thanks_ms", "<", eb.ref("s.last_received_ms")),
        ]),
      );

  return {
    /** How many people are owed a thank-you, and the first `limit` (all with null): newest help first. */
    async thanksOwedToPeople(
      now: number,
      limit: number | null,
    ): Promise<{ count: number; first: OwedPerson[] }> {
      let query = owedToPeople(now)
        .select(["s.person_id", "p.display_name", "s.last_received_ms"])
        .orderBy("s.last_received_ms", "desc")
        .orderBy("s.person_id");
      if (limit !== null) query = query.limit(limit);
      const first = (await query.execute()).map((r) => ({
        id: r.person_id,
        name: r.display_name,
        at: msOf(r.last_received_ms) as number,
      }));
      if (limit === null || first.length < limit) return { count: first.length, first };
      const counted = await owedToPeople(now)
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow();
      return { count: Number(counted.n), first };
    },

    /** Departments helped the user at some point (their own entries), with the aggregates. */
    async departmentsThatHelped() {
      return db
        .selectFrom("department_stats as s")
        .innerJoin("departments as d", (j) =>
          j.onRef("d.owner_id", "=", "s.owner_id").onRef("d.id", "=", "s.department_id"),
        )
        .selectAll("s")
        .select("d.name")
        .where("s.owner_id", "=", ownerId)
        .where("s.last_received_at", "is not", null)
        .execute();
    },

    /** What advice cites of these people: title, tags, how they were met. */
    async adviceFacts(ids: readonly string[]) {
      const out = [];
      for (const part of chunks(ids)) {
        out.push(
          ...(await db
            .selectFrom("people")
            .select(["id", "title", "tags", "met_text", "met_on", "met_through_id"])
            .where("owner_id", "=", ownerId)
            .where("id", "in", part)
            .execute()),
        );
      }
      return out;
    },

    /** Display names by id. */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      for (const part of chunks(ids)) {
        const rows = await db
          .selectFrom("people")
          .select(["id", "display_name"])
          .where("owner_id", "=", ownerId)
          .where("id", "in", part)
          .execute();
        for (const row of rows) names.set(row.id, row.display_name);
      }
      return names;
    },

    /**
     * Each person's newest moment up to `untilIso` (the later id on a tie), read from the covering
     * participant index of migration 0011: in one correlated query SQLite walked every interaction by
     * date instead.
     */
    async latestMoments(ids: readonly string[], untilIso: string) {
      const latest = new Map<string, { id: string; summary: string; occurredAt: string }>();
      for (const part of chunks(ids)) {
        const rows = await db
          .selectFrom("interaction_participants as ip")
          .innerJoin("interactions as i", (j) =>
            j.onRef("i.owner_id", "=", "ip.owner_id").onRef("i.id", "=", "ip.interaction_id"),
          )
          .select(["ip.person_id", "i.id", "i.summary", "i.occurred_at"])
          .where("ip.owner_id", "=", ownerId)
          .where("ip.person_id", "in", part)
          .execute();
        for (const r of rows) {
          // Filtered here: a date range in the query makes SQLite walk interactions by date again.
          if (r.occurred_at > untilIso) continue;
          const best = latest.get(r.person_id);
          if (
            !best ||
            r.occurred_at > best.occurredAt ||
            (r.occurred_at === best.occurredAt && r.id > best.id)
          )
            latest.set(r.person_id, { id: r.id, summary: r.summary, occurredAt: r.occurred_at });
        }
      }
      return latest;
    },

    /** Gives since `sinceIso` to these people. */
    async givesTo(ids: readonly string[], sinceIso: string) {
      const out = [];
      for (const part of chunks(ids)) {
        out.push(
          ...(await db
            .selectFrom("exchanges")
            .select(["person_id", "kind", "summary", "occurred_at"])
            .where("owner_id", "=", ownerId)
            .where("direction", "=", "gave")
            .where("person_id", "in", part)
            .where("occurred_at", ">=", sinceIso)
            .execute()),
        );
      }
      return out;
    },

    /** Gives since `sinceIso` logged against a department itself (not its members). */
    async givesToDepartment(departmentId: string, sinceIso: string) {
      return db
        .selectFrom("exchanges")
        .select(["kind", "summary", "occurred_at"])
        .where("owner_id", "=", ownerId)
        .where("direction", "=", "gave")
        .where("department_id", "=", departmentId)
        .where("occurred_at", ">=", sinceIso)
        .execute();
    },
  };
}
