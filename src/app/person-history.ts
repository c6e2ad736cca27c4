/** What a person's history holds, counted: said before removing or merging them. */
import {
  countPersonHistory,
  NO_HISTORY,
  type PersonHistoryCounts,
} from "../storage/person-history.repository.js";
import type { AppContext } from "./context.js";
import { resolvePerson } from "./who.js";

export type { PersonHistoryCounts };

/** A person (id, email or name) with the counts of their history. */
export async function personHistory(
  ctx: AppContext,
  who: string,
): Promise<{ person: { id: string; name: string }; history: PersonHistoryCounts }> {
  const person = await resolvePerson(ctx, who);
  const counts = (await countPersonHistory(ctx.db, ctx.ownerId, [person.id])).get(person.id);
  return { person: { id: person.id, name: person.display_name }, history: counts ?? NO_HISTORY };
}
