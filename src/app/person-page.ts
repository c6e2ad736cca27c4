/**
 * A person's page (`goodwill show`, `goodwill score`, the web's person screen): one relationship in
 * full, and its strength explained. Not "profile": that word is the user's own (`/api/v1/profile`).
 */
import { EMPTY_CONTACT_SUMS } from "../domain/contact-summary.js";
import { DAY_MS } from "../domain/decay.js";
import { balanceSeries, monthlyFlows, monthlySamples } from "../domain/giving-balance.js";
import type { Direction, ExchangeKind } from "../domain/model.js";
import { thanksOwedText } from "../domain/open-loop-texts.js";
import { type Strength, strengthAt } from "../domain/strength.js";
import { listAsks } from "../storage/ask.repository.js";
import { listCommitments } from "../storage/commitment.repository.js";
import { listExchanges } from "../storage/exchange.repository.js";
import { fromInstant, toInstant } from "../storage/keys.js";
import { listNeedsOrOffers } from "../storage/need-offer.repository.js";
import type { PersonRow } from "../storage/schema.js";
import { commitmentsJson } from "./commitments.js";
import type { AppContext } from "./context.js";
import { needsJson, offersJson } from "./needs-offers.js";
import { getPersonJson } from "./people.js";
import { loadRelationships, type RelationshipState } from "./relationship-state.js";
import { timelinePage } from "./timeline.js";
import { askJson, balanceJson, dueJson } from "./views.js";
import { withCounterpartNames } from "./who.js";

function strengthOf(state: RelationshipState, now: number): Strength {
  return strengthAt(
    {
      contacts: state.contacts ?? EMPTY_CONTACT_SUMS,
      closeness: state.person.closeness,
      metOnMs: state.person.met_on ? fromInstant(`${state.person.met_on}T12:00:00.000Z`) : null,
    },
    now,
  );
}

async function stateOf(ctx: AppContext, person: PersonRow): Promise<RelationshipState> {
  const [state] = await loadRelationships(ctx, {
    personIds: [person.id],
    includeArchived: true,
    strength: true,
  });
  if (!state) throw new Error(`person ${person.id} vanished while being read`);
  return state;
}

/** Strength with its four parts in points and a sentence each. */
export async function scorePerson(ctx: AppContext, person: PersonRow) {
  const state = await stateOf(ctx, person);
  return { person: { id: person.id, name: person.display_name }, strength: strengthOf(state, ctx.now) };
}

/**
 * Everything about one person: profile, balance, strength, due status, open items and the newest
 * page of the timeline (`timelineNext` fetches the older ones, see timeline.ts).
 */
export async function showPerson(ctx: AppContext, person: PersonRow) {
  const state = await stateOf(ctx, person);
  const asks = await listAsks(ctx.db, ctx.ownerId, { personId: person.id, status: "open" });
  const commitments = await listCommitments(ctx.db, ctx.ownerId, { personId: person.id, status: "open" });
  const timeline = await timelinePage(ctx, person.id);

  return {
    person: await getPersonJson(ctx, person.id),
    balance: balanceJson(state.balance),
    strength: strengthOf(state, ctx.now),
    due: dueJson(state.due),
    thanksOwed: state.thanksOwed,
    /** "You owe a thank-you for help 45 days ago. A late thank-you still counts."; null when none is owed */
    thanksOwedText:
      state.thanksOwed && state.ledger.lastReceivedAt !== null
        ? thanksOwedText(
            Math.floor((ctx.now - state.ledger.lastReceivedAt) / DAY_MS),
            state.person.ledger_mode !== "communal",
          )
        : null,
    occasion: state.occasion,
    openAsks: await withCounterpartNames(ctx, asks, askJson),
    commitments: await commitmentsJson(ctx, commitments),
    needs: await needsJson(
      ctx,
      await listNeedsOrOffers(ctx.db, "needs", ctx.ownerId, { personId: person.id, openOnly: true }),
    ),
    offers: await offersJson(
      ctx,
      await listNeedsOrOffers(ctx.db, "offers", ctx.ownerId, { personId: person.id, openOnly: true }),
    ),
    timeline: timeline.items,
    /** the `before` of the next (older) page of the timeline; null when it is all shown */
    timelineNext: timeline.next,
  };
}

/** The giving balance with one person month by month (DESIGN §3.1), for the web app's chart. */
export async function balanceHistory(ctx: AppContext, person: PersonRow, months = 24) {
  const exchanges = await listExchanges(ctx.db, ctx.ownerId, { personIds: [person.id] });
  const events = exchanges.map((e) => ({
    direction: e.direction as Direction,
    kind: e.kind as ExchangeKind,
    weight: e.weight,
    at: fromInstant(e.occurred_at),
  }));
  const first = events.length === 0 ? null : Math.min(...events.map((e) => e.at));
  const mode = person.ledger_mode === "communal" ? "communal" : "track";
  const points = balanceSeries(events, monthlySamples(first, ctx.now, months), mode);
  return {
    person: { id: person.id, name: person.display_name },
    points: points.map(({ at, ...balance }) => ({ at: toInstant(at), ...balanceJson(balance) })),
    /** given and received month by month (weights and entries), oldest first */
    months: monthlyFlows(events, ctx.now, months),
  };
}
