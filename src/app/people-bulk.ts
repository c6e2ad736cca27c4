/**
 * Changes to many people in one step (issue 14): the 150 contacts from one event tagged, put in a
 * circle or given a rhythm — or deleted — at once, as one write the user can undo at once. Every id
 * must be one of the owner's people, or nothing changes.
 */

import { readCadence } from "../contract/input.js";
import { LIMITS } from "../domain/limits.js";
import { LAYERS } from "../domain/model.js";
import { invalid, notFound } from "../errors.js";
import { foldText } from "../storage/keys.js";
import { peopleTags } from "../storage/person.repository.js";
import { type AppContext, inWriteTransaction } from "./context.js";
import { editPerson, readPersonInput, removePerson } from "./people.js";

export const BULK_MAX = LIMITS.bulkPeople;

export interface BulkPeopleInput {
  ids: readonly string[];
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
  /** the circle: 5, 15, 50, 150 or 500 */
  layer?: number | undefined;
  /** keep in touch every N days; null: no rhythm of their own */
  cadenceDays?: number | null | undefined;
  /** delete them and their history */
  delete?: boolean | undefined;
}

export interface BulkPeopleJson {
  updated: { id: string; name: string }[];
  deleted: { id: string; name: string }[];
  /** what was done, in words: "tagged SMPS 2026, circle 150" */
  done: string;
}

export async function bulkPeople(ctx: AppContext, input: BulkPeopleInput): Promise<BulkPeopleJson> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw invalid("Choose at least one person.", { field: "ids" });
  if (ids.length > BULK_MAX)
    throw invalid(`At most ${BULK_MAX.toLocaleString("en")} people at once; ${ids.length} were chosen.`, {
      field: "ids",
    });
  const change =
    input.addTags?.length ||
    input.removeTags?.length ||
    input.layer !== undefined ||
    input.cadenceDays !== undefined;
  if (input.delete && change)
    throw invalid("Delete the people, or change them: not both in one step.", { field: "delete" });
  if (!input.delete && !change)
    throw invalid("Say what to change: tags to add or remove, a circle, a rhythm, or delete.", {
      field: "ids",
    });
  if (input.layer !== undefined && !(LAYERS as readonly number[]).includes(input.layer))
    throw invalid(`The circle must be one of ${LAYERS.join(", ")}.`, { field: "layer" });
  const cadence =
    input.cadenceDays === undefined || input.cadenceDays === null
      ? input.cadenceDays
      : readCadence(input.cadenceDays);
  const adding = readPersonInput({ tags: [...(input.addTags ?? [])] }).tags ?? [];
  const removing = new Set((input.removeTags ?? []).map(foldText));

  return inWriteTransaction(ctx, async (tx) => {
    const people = await peopleTags(tx.db, ctx.ownerId, ids);
    if (people.length !== ids.length) {
      const missing = ids.filter((id) => !people.some((p) => p.id === id));
      throw notFound(
        `${missing.length === 1 ? "One of the people chosen is" : `${missing.length} of the people chosen are`} not in your store (deleted meanwhile?): nothing was changed. Reload the list and try again.`,
        { missing },
      );
    }
    const result: BulkPeopleJson = { updated: [], deleted: [], done: "" };
    for (const person of people) {
      const named = { id: person.id, name: person.display_name };
      if (input.delete) {
        await removePerson(tx, person.id);
        result.deleted.push(named);
        continue;
      }
      const tags = (JSON.parse(person.tags) as string[]).filter((t) => !removing.has(foldText(t)));
      for (const tag of adding) if (!tags.some((t) => foldText(t) === foldText(tag))) tags.push(tag);
      await editPerson(tx, person.id, {
        ...(adding.length || removing.size ? { tags } : {}),
        ...(input.layer !== undefined ? { layer: input.layer as never } : {}),
        ...(cadence !== undefined ? { cadenceDays: cadence } : {}),
      });
      result.updated.push(named);
    }
    const words = [
      ...(adding.length ? [`tagged ${adding.join(", ")}`] : []),
      ...(removing.size ? [`untagged ${(input.removeTags ?? []).join(", ")}`] : []),
      ...(input.layer !== undefined ? [`circle ${input.layer}`] : []),
      ...(cadence === null
        ? ["no rhythm of their own"]
        : cadence !== undefined
          ? [`in touch every ${cadence} days`]
          : []),
      ...(input.delete ? ["deleted with their history"] : []),
    ];
    result.done = words.join(", ");
    return result;
  });
}
