/** `goodwill week`: up to seven gives for the coming week, drawn from the suggestions and batched. */
import { DAY_MS } from "../domain/decay.js";
import { batchIntoSessions, pickWeekGives, WEEK_GIVES } from "../domain/giving-week.js";
import type { Suggestion } from "../domain/suggestions.js";
import type { AppContext } from "./context.js";
import { loadRelationships } from "./relationship-state.js";
import { suggestionsForStates } from "./suggest.js";

export interface WeekJson {
  from: string;
  to: string;
  sessions: { date: string; gives: Suggestion[] }[];
  total: number;
}

export async function givingWeek(ctx: AppContext): Promise<WeekJson> {
  const states = await loadRelationships(ctx);
  // Enough suggestions to find seven different people even when some have several.
  const { suggestions } = await suggestionsForStates(ctx, states, { limit: WEEK_GIVES * 8, meetNew: true });
  const gives = pickWeekGives(suggestions);
  const day = (offset: number) => new Date(ctx.now + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(1), to: day(7), sessions: batchIntoSessions(gives, ctx.now), total: gives.length };
}
