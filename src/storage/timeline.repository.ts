/**
 * A person's timeline, a page at a time: the newest rows of each of its five sources (ledger entries,
 * moments, asks, promises, notes) that come after a cursor in one order, newest first. The caller
 * merges them; each source reads at most `limit` rows, so a page costs five small indexed reads
 * however long the history is.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { ownedBy } from "./owned.js";
import type { AskRow, CommitmentRow, Database, ExchangeRow, InteractionRow, NoteRow } from "./schema.js";
import { momentsOfPerson } from "./stats.repository.js";

/** The sources in the order that breaks a tie of instant and id (not expected: ids are unique). */
export const TIMELINE_SOURCES = ["exchange", "moment", "ask", "promise", "note"] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/**
 * Where the page before ended: its last item's instant, id and source. Items come in descending
 * (instant, id, source rank) order; everything strictly after the cursor in that order is older.
 */
export interface TimelineCursor {
  at: string;
  id: string;
  source: TimelineSource;
}

/** `at, id` of a row of `source` lie after the cursor (older, or the same instant and a lower id). */
function olderThan(
  cursor: TimelineCursor | null,
  source: TimelineSource,
  at: string,
  id: string,
): RawBuilder<boolean> {
  if (cursor === null) return sql<boolean>`1 = 1`;
  // the same instant and id in an earlier-ranked source than the cursor's still comes after it
  const sameIdComesAfter = TIMELINE_SOURCES.indexOf(source) > TIMELINE_SOURCES.indexOf(cursor.source);
  const idOp = sql.raw(sameIdComesAfter ? "<=" : "<");
  return sql<boolean>`(${sql.ref(at)} < ${cursor.at} or (${sql.ref(at)} = ${cursor.at} and ${sql.ref(id)} ${idOp} ${cursor.id}))`;
}

export interface TimelineRows {
  exchanges: ExchangeRow[];
  moments: (InteractionRow & { participants: number })[];
  asks: AskRow[];
  commitments: CommitmentRow[];
  notes: NoteRow[];
}

/** Up to `limit` rows of each source, newest first, after `cursor` (from the newest without one). */
export async function readTimelineRows(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
  cursor: TimelineCursor | null,
  limit: number,
): Promise<TimelineRows> {
  // Four of the sources are rows of one person, each dated by its own column.
  const newest = <T>(
    table: "exchanges" | "asks" | "commitments" | "notes",
    source: TimelineSource,
    at: string,
  ) =>
    ownedBy(db, ownerId)
      .selectFrom(table as "exchanges")
      .selectAll()
      .where("person_id", "=", personId)
      .where(olderThan(cursor, source, at, "id"))
      .orderBy(at as "occurred_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute() as Promise<T[]>;
  const exchanges = await newest<ExchangeRow>("exchanges", "exchange", "occurred_at");
  const interactions = await momentsOfPerson(db, ownerId, personId)
    .selectAll("i")
    .where(olderThan(cursor, "moment", "i.occurred_at", "i.id"))
    .orderBy("i.occurred_at", "desc")
    .orderBy("i.id", "desc")
    .limit(limit)
    .execute();
  const counts =
    interactions.length === 0
      ? []
      : await ownedBy(db, ownerId)
          .selectFrom("interaction_participants")
          .select(["interaction_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where(
            "interaction_id",
            "in",
            interactions.map((i) => i.id),
          )
          .groupBy("interaction_id")
          .execute();
  const participants = new Map(counts.map((c) => [c.interaction_id, Number(c.n)]));
  const asks = await newest<AskRow>("asks", "ask", "asked_at");
  const commitments = await newest<CommitmentRow>("commitments", "promise", "created_at");
  const notes = await newest<NoteRow>("notes", "note", "created_at");
  return {
    exchanges,
    moments: interactions.map((i) => ({ ...i, participants: participants.get(i.id) ?? 1 })),
    asks,
    commitments,
    notes,
  };
}
