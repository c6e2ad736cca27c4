/**
 * `goodwill suggest dept:IT`: what to do for a department (DESIGN §3.5). The thank-yous owed to it
 * and to its people, the person there to start with, then lines of its playbook for the team, in
 * one listing (no playbook line twice); a department where you know nobody gets `meet-new`.
 */
import { callNames } from "../domain/call-names.js";
import { DAY_MS } from "../domain/decay.js";
import {
  type DepartmentSubject,
  departmentThank,
  startWith,
  startWithOrder,
  teamLines,
} from "../domain/department-suggestions.js";
import { thanksOwed } from "../domain/open-loops.js";
import { PlaybookListing } from "../domain/playbook.js";
import { meetNewSuggestions, type Suggestion, suggestionsFor } from "../domain/suggestions.js";
import { notFound } from "../errors.js";
import { agendaReads } from "../storage/agenda.repository.js";
import { latestReceived } from "../storage/exchange.repository.js";
import { getDepartment, getOrganization } from "../storage/organization.repository.js";
import { getDepartmentStats } from "../storage/stats.repository.js";
import type { AppContext } from "./context.js";
import { departmentBalance } from "./ledger.js";
import { loadMe, loadRelationships } from "./relationship-state.js";
import { loadNeedsAndMatches, subjectOf, withCallNames } from "./suggest.js";
import { loadAdviceContexts, recentDepartmentGives } from "./suggestion-context.js";

export interface DepartmentSuggestions {
  department: { id: string; name: string; organization: string };
  suggestions: Suggestion[];
}

/** Every suggestion for one department (by id), in the kind order of §3.5. */
export async function suggestForDepartment(
  ctx: AppContext,
  departmentId: string,
): Promise<DepartmentSuggestions> {
  const row = await getDepartment(ctx.db, ctx.ownerId, departmentId);
  if (!row)
    throw notFound(`No department has the id ${departmentId}. See "goodwill map" for your departments.`);
  const organization = await getOrganization(ctx.db, ctx.ownerId, row.organization_id);
  const me = await loadMe(ctx);

  const stats = await getDepartmentStats(ctx.db, ctx.ownerId, row.id);
  const owed = thanksOwed(stats, ctx.now) && stats.lastReceivedAt !== null;
  const last = owed
    ? (await latestReceived(ctx.db, ctx.ownerId, "department", [row.id])).get(row.id)
    : undefined;
  const memberIds = await agendaReads(ctx.db, ctx.ownerId).memberIds({ departmentId: row.id });
  const members = await loadRelationships(ctx, { personIds: memberIds });
  const dept: DepartmentSubject = {
    id: row.id,
    name: row.name,
    isMine: me.organizationId !== null && row.organization_id === me.organizationId,
    isMyOwn: row.id === me.departmentId,
    balance: await departmentBalance(ctx, row.id),
    thanksOwed:
      owed && stats.lastReceivedAt !== null
        ? {
            lastReceivedSummary: last?.summary ?? "",
            daysAgo: Math.floor((ctx.now - stats.lastReceivedAt) / DAY_MS),
          }
        : null,
    recentGives: await recentDepartmentGives(ctx, row.id),
  };

  const listing = new PlaybookListing(ctx.now);
  const needs = await loadNeedsAndMatches(ctx);
  const advice = await loadAdviceContexts(ctx, members);
  const owedTo = members.filter((m) => m.thanksOwed);
  const summaries = await latestReceived(
    ctx.db,
    ctx.ownerId,
    "person",
    owedTo.map((m) => m.person.id),
  );
  // Two members with one first name are each called by the whole name.
  const calls = callNames(members.map((m) => ({ id: m.person.id, name: m.person.display_name })));
  const subject = (m: (typeof members)[number]) =>
    withCallNames(
      subjectOf(m, ctx.now, summaries.get(m.person.id)?.summary ?? "", needs, advice.get(m.person.id)),
      calls,
    );

  // Thank-yous: the department's own, then its people's, the most recent help first.
  const thanks = [
    ...departmentThank(dept),
    ...owedTo
      .sort((a, b) => (b.ledger.lastReceivedAt ?? 0) - (a.ledger.lastReceivedAt ?? 0))
      .flatMap((m) => suggestionsFor(subject(m), listing).filter((s) => s.kind === "thank")),
  ];

  // The person to start with: one who has done something for you (the lines speak of their help),
  // not one already owed a thank-you (that thank-you is the start).
  const candidates = members
    .filter((m) => !m.thanksOwed && m.person.ledger_mode !== "communal" && m.lastContactAt !== null)
    .filter((m) => (subject(m).balance.received ?? 0) > 0)
    .map((m) => ({ ...subject(m), lastContactAt: m.lastContactAt }))
    .sort(startWithOrder);
  const first = candidates[0];
  const start = first ? startWith(dept, first, members.length - 1, listing) : [];

  const meetNew =
    members.length === 0 && dept.isMine && !dept.isMyOwn
      ? meetNewSuggestions([{ id: row.id, name: row.name, organization: organization?.name ?? "" }])
      : [];

  return {
    department: { id: row.id, name: row.name, organization: organization?.name ?? "" },
    suggestions: [...thanks, ...start, ...teamLines(dept, listing), ...meetNew],
  };
}
