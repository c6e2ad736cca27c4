/** Promises both ways: what I owe and what they owe, with due dates (DESIGN §1, §3.4). */

import type { CommitmentJson } from "../contract/ask.js";
import { readDate } from "../contract/input.js";
import type { Direction } from "../domain/model.js";
import { isCommitmentLate } from "../domain/open-loops.js";
import { GoodwillError, notFound } from "../errors.js";
import {
  findCommitment,
  insertCommitment,
  listCommitments,
  resolveCommitment,
} from "../storage/commitment.repository.js";
import { newId } from "../storage/keys.js";
import { nextNumber } from "../storage/record-number.repository.js";
import type { CommitmentRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { recordExchange } from "./moments.js";
import { commitmentJson } from "./views.js";
import { type Counterpart, counterpartOfRow, withCounterpartNames } from "./who.js";

/** Records a promise: mine (`i_owe`) or theirs (`they_owe`). */
export async function createCommitment(
  ctx: AppContext,
  counterpart: Counterpart,
  input: { summary: string; dueOn: string | null; direction: "i_owe" | "they_owe" },
): Promise<CommitmentJson> {
  const row = await inWriteTransaction(ctx, async (tx) => {
    const row: CommitmentRow = {
      owner_id: ctx.ownerId,
      id: newId(),
      number: await nextNumber(tx.db, ctx.ownerId, "commitments"),
      person_id: counterpart.kind === "person" ? counterpart.person.id : null,
      department_id: counterpart.kind === "department" ? counterpart.department.id : null,
      direction: input.direction,
      summary: input.summary,
      // The CLI reads "tomorrow" into a date; the API sends one, which must exist.
      due_on: input.dueOn === null ? null : readDate("dueOn", input.dueOn),
      status: "open",
      created_at: nowIso(tx),
      resolved_at: null,
      exchange_id: null,
    };
    await insertCommitment(tx.db, row);
    await indexDocument(tx.db, ctx.ownerId, {
      kind: "commitment",
      refId: row.id,
      personId: row.person_id,
      body: input.summary,
    });
    return row;
  });
  const [json] = await commitmentsJson(ctx, [row]);
  return json as CommitmentJson;
}

export function commitmentsJson(ctx: AppContext, rows: CommitmentRow[]): Promise<CommitmentJson[]> {
  return withCounterpartNames(ctx, rows, (row, name) =>
    commitmentJson(row, name, row.status === "open" && isCommitmentLate(row.due_on, ctx.now)),
  );
}

/**
 * Marks a promise done. Keeping my word is a give: an `i_owe` promise records a `gave` entry; when
 * they keep theirs, it is something received.
 */
export async function completeCommitment(ctx: AppContext, ref: string): Promise<CommitmentJson> {
  const found = await findCommitment(ctx.db, ctx.ownerId, ref);
  if (!found)
    throw notFound(`There is no promise ${ref}. "goodwill promises" lists them with their numbers.`);
  if (found.status !== "open")
    throw new GoodwillError("conflict", `Promise #${found.number} is already ${found.status}.`);
  const counterpart = await counterpartOfRow(ctx, found);
  await inWriteTransaction(ctx, async (tx) => {
    const direction: Direction = found.direction === "i_owe" ? "gave" : "received";
    const entry = await recordExchange(tx, counterpart, {
      direction,
      kind: "favor",
      summary: found.summary,
      at: ctx.now,
      initiatedBy: found.direction === "i_owe" ? "me" : "them",
      commitmentId: found.id,
    });
    await resolveCommitment(tx.db, ctx.ownerId, found.id, {
      status: "done",
      resolved_at: nowIso(tx),
      exchange_id: entry.id,
    });
  });
  const updated = (await findCommitment(ctx.db, ctx.ownerId, found.id)) as CommitmentRow;
  const [json] = await commitmentsJson(ctx, [updated]);
  return json as CommitmentJson;
}

/** Open promises both ways (or all with `all`), by due date. */
export async function listCommitmentsJson(
  ctx: AppContext,
  options: { all?: boolean; personId?: string } = {},
) {
  const rows = await listCommitments(ctx.db, ctx.ownerId, {
    ...(options.all ? {} : { status: "open" }),
    ...(options.personId ? { personId: options.personId } : {}),
  });
  return commitmentsJson(ctx, rows);
}
