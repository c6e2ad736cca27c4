/**
 * Moments and the ledger: logging a contact, and what was given and received. Every write updates
 * the aggregates in the same transaction, so the agenda never has to read the history.
 */
import { defaultWeight } from "../domain/defaults.js";
import type { Channel, Direction, ExchangeKind, Initiator } from "../domain/model.js";
import { insertExchange } from "../storage/exchange.repository.js";
import { insertInteraction } from "../storage/interaction.repository.js";
import { newId, toInstant } from "../storage/keys.js";
import { insertNote } from "../storage/record.repository.js";
import type { ExchangeRow, InteractionRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { recordContact, recordDepartmentLedger } from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import type { Counterpart } from "./who.js";

export interface InteractionInput {
  summary: string;
  at: number;
  channel: Channel;
  initiatedBy: Initiator;
  notes?: string | null;
}

/** Logs a moment of contact with one or more people. */
export async function logInteraction(
  ctx: AppContext,
  personIds: string[],
  input: InteractionInput,
): Promise<InteractionRow> {
  const row: InteractionRow = {
    owner_id: ctx.ownerId,
    id: newId(),
    occurred_at: toInstant(input.at),
    channel: input.channel,
    initiated_by: input.initiatedBy,
    summary: input.summary,
    notes: input.notes ?? null,
    created_at: nowIso(ctx),
  };
  const participants = [...new Set(personIds)];
  await inWriteTransaction(ctx, async (tx) => {
    await insertInteraction(tx.db, row, participants);
    for (const personId of participants) {
      await recordContact(tx.db, ctx.ownerId, personId, {
        at: input.at,
        channel: input.channel,
        initiatedBy: input.initiatedBy,
      });
    }
    await indexDocument(tx.db, ctx.ownerId, {
      kind: "interaction",
      refId: row.id,
      personId: participants[0] ?? null,
      body: [row.summary, row.notes].filter(Boolean).join(" "),
    });
  });
  return row;
}

export interface ExchangeInput {
  direction: Direction;
  kind: ExchangeKind;
  weight?: number;
  summary: string;
  at: number;
  channel?: Channel;
  initiatedBy?: Initiator;
  askId?: string | null;
  commitmentId?: string | null;
}

/**
 * Records something given or received. With a person it is also a moment of contact (DESIGN §1):
 * giving is reaching out (initiated by me) unless told otherwise.
 */
export async function recordExchange(
  ctx: AppContext,
  counterpart: Counterpart,
  input: ExchangeInput,
): Promise<ExchangeRow> {
  const row: ExchangeRow = {
    owner_id: ctx.ownerId,
    id: newId(),
    person_id: counterpart.kind === "person" ? counterpart.person.id : null,
    department_id: counterpart.kind === "department" ? counterpart.department.id : null,
    direction: input.direction,
    kind: input.kind,
    weight: input.weight ?? defaultWeight(input.kind),
    summary: input.summary,
    occurred_at: toInstant(input.at),
    channel: input.channel ?? "other",
    initiated_by: input.initiatedBy ?? (input.direction === "gave" ? "me" : "unknown"),
    ask_id: input.askId ?? null,
    commitment_id: input.commitmentId ?? null,
    created_at: nowIso(ctx),
  };
  await inWriteTransaction(ctx, async (tx) => {
    await insertExchange(tx.db, row);
    const event = { direction: input.direction, kind: input.kind, weight: row.weight, at: input.at };
    if (counterpart.kind === "person") {
      const contact = {
        at: input.at,
        channel: row.channel as Channel,
        initiatedBy: row.initiated_by as Initiator,
      };
      await recordContact(tx.db, ctx.ownerId, counterpart.person.id, contact, event);
    } else {
      await recordDepartmentLedger(tx.db, ctx.ownerId, counterpart.department.id, event);
    }
    await indexDocument(tx.db, ctx.ownerId, {
      kind: "exchange",
      refId: row.id,
      personId: row.person_id,
      body: row.summary,
    });
  });
  return row;
}

/** Keeps a free-text note on a person. */
export async function addNote(ctx: AppContext, personId: string, body: string) {
  const row = { owner_id: ctx.ownerId, id: newId(), person_id: personId, body, created_at: nowIso(ctx) };
  await inWriteTransaction(ctx, async (tx) => {
    await insertNote(tx.db, row);
    await indexDocument(tx.db, ctx.ownerId, { kind: "note", refId: row.id, personId, body });
  });
  return row;
}
