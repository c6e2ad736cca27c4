/**
 * The giving ledger seen from a person, a department, an organization or everyone (DESIGN §3.1).
 * Balances come from the aggregates: a department's is its own entries plus its members'.
 */

import { type CounterpartSummary, counterpartJson } from "../contract/counterpart.js";
import type { LedgerEntryJson } from "../contract/ledger-entry.js";
import {
  type Balance,
  balanceAt,
  combineLedgerSums,
  EMPTY_LEDGER_SUMS,
  type LedgerSums,
} from "../domain/giving-balance.js";
import type { LedgerMode } from "../domain/model.js";
import { listExchanges } from "../storage/exchange.repository.js";
import { allDepartmentStats, peopleWithStats, trackedMemberSums } from "../storage/ledger-sums.repository.js";
import { listDepartments, listOrganizations } from "../storage/organization.repository.js";
import type { ExchangeRow } from "../storage/schema.js";
import {
  departmentStatsFromRow,
  getDepartmentStats,
  getPersonStats,
  personStatsFromRow,
} from "../storage/stats.repository.js";
import type { AppContext } from "./context.js";
import { balanceJson } from "./views.js";
import {
  type Counterpart,
  counterpartSummary,
  resolveCounterpart,
  resolveOrganization,
  withCounterpartNames,
} from "./who.js";

export type LedgerSubject =
  | CounterpartSummary
  | { kind: "organization"; id: string; name: string }
  | { kind: "everyone"; name: string };

interface Scope {
  personIds: string[];
  departmentIds: string[];
}

/** Ledger sums of every tracked person and every department, by id: the raw material of all views. */
async function loadAllSums(ctx: AppContext) {
  const people = await peopleWithStats(ctx.db, ctx.ownerId);
  const departments = await allDepartmentStats(ctx.db, ctx.ownerId);
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.display_name,
      organizationId: p.organization_id,
      departmentId: p.department_id,
      mode: p.ledger_mode as LedgerMode,
      sums: personStatsFromRow(p).ledger.sums,
    })),
    departments: new Map(departments.map((d) => [d.department_id, departmentStatsFromRow(d).sums])),
  };
}

type AllSums = Awaited<ReturnType<typeof loadAllSums>>;

/** Communal people are untracked: their entries never count towards a group's balance. */
function groupSums(all: AllSums, scope: Scope): LedgerSums {
  const personIds = new Set(scope.personIds);
  const parts = all.people.filter((p) => personIds.has(p.id) && p.mode === "track").map((p) => p.sums);
  for (const id of scope.departmentIds) parts.push(all.departments.get(id) ?? EMPTY_LEDGER_SUMS);
  return combineLedgerSums(...parts);
}

async function scopeOf(ctx: AppContext, subject: LedgerSubject, all: AllSums): Promise<Scope> {
  switch (subject.kind) {
    case "person":
      return { personIds: [subject.id], departmentIds: [] };
    case "department":
      return {
        personIds: all.people.filter((p) => p.departmentId === subject.id).map((p) => p.id),
        departmentIds: [subject.id],
      };
    case "organization": {
      const departments = await listDepartments(ctx.db, ctx.ownerId, subject.id);
      return {
        personIds: all.people.filter((p) => p.organizationId === subject.id).map((p) => p.id),
        departmentIds: departments.map((d) => d.id),
      };
    }
    case "everyone":
      return { personIds: all.people.map((p) => p.id), departmentIds: [...all.departments.keys()] };
  }
}

/** Ledger sums of a department's tracked members, added up in the database. */
async function memberSums(ctx: AppContext, departmentId: string): Promise<LedgerSums> {
  return trackedMemberSums(ctx.db, ctx.ownerId, departmentId);
}

/** The balance of a department: entries logged against it and against its members. */
export async function departmentBalance(ctx: AppContext, departmentId: string): Promise<Balance> {
  const own = await getDepartmentStats(ctx.db, ctx.ownerId, departmentId);
  return balanceAt(combineLedgerSums(own.sums, await memberSums(ctx, departmentId)), ctx.now);
}

/** The balance with whoever an entry or ask is with: a person (their own ledger) or a department. */
export async function balanceWith(ctx: AppContext, counterpart: Counterpart): Promise<Balance> {
  if (counterpart.kind === "department") return departmentBalance(ctx, counterpart.department.id);
  const stats = await getPersonStats(ctx.db, ctx.ownerId, counterpart.person.id);
  return balanceAt(stats.ledger.sums, ctx.now, counterpart.person.ledger_mode as LedgerMode);
}

/** Reads `WHO`, `dept:NAME`, `org:NAME` or nothing (everyone) into a ledger subject. */
export async function resolveLedgerSubject(ctx: AppContext, ref: string | undefined): Promise<LedgerSubject> {
  if (!ref) return { kind: "everyone", name: "everyone" };
  if (/^org:/i.test(ref)) {
    const org = await resolveOrganization(ctx, ref);
    return { kind: "organization", id: org.id, name: org.name };
  }
  return counterpartSummary(ctx, await resolveCounterpart(ctx, ref));
}

/** One ledger entry as every document shows it; `name` is its counterpart's. */
export function entryJson(r: ExchangeRow, name: string): LedgerEntryJson {
  return {
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    weight: r.weight,
    summary: r.summary,
    occurredAt: r.occurred_at,
    counterpart: counterpartJson({ personId: r.person_id, departmentId: r.department_id }, name),
    askId: r.ask_id,
    commitmentId: r.commitment_id,
  };
}

/** Ledger entries with their counterpart's name. */
export function entriesJson(ctx: AppContext, rows: ExchangeRow[]): Promise<LedgerEntryJson[]> {
  return withCounterpartNames(ctx, rows, entryJson);
}

function subjectJson(subject: LedgerSubject) {
  return subject.kind === "everyone"
    ? { kind: subject.kind, name: subject.name }
    : {
        kind: subject.kind,
        id: subject.id,
        name: subject.name,
        ...("organization" in subject ? { organization: subject.organization } : {}),
      };
}

/** `goodwill ledger [subject]`: the balance and the entries, newest first. */
export async function ledgerOf(ctx: AppContext, subject: LedgerSubject, limit = 200) {
  const all = await loadAllSums(ctx);
  const scope = await scopeOf(ctx, subject, all);
  const mode =
    subject.kind === "person" ? (all.people.find((p) => p.id === subject.id)?.mode ?? "track") : "track";
  // A person's own ledger counts whatever their mode; communal people show it without numbers.
  const sums =
    subject.kind === "person"
      ? (all.people.find((p) => p.id === subject.id)?.sums ?? EMPTY_LEDGER_SUMS)
      : groupSums(all, scope);
  const rows = await listExchanges(
    ctx.db,
    ctx.ownerId,
    subject.kind === "everyone"
      ? { limit }
      : { personIds: scope.personIds, departmentIds: scope.departmentIds, limit },
  );
  return {
    subject: subjectJson(subject),
    balance: balanceJson(balanceAt(sums, ctx.now, mode)),
    entries: await entriesJson(ctx, rows),
  };
}

/** `goodwill ledger --by person|dept|org`: one balance per group that has entries, most overdrawn first. */
export async function ledgerGroups(ctx: AppContext, by: "person" | "dept" | "org") {
  const all = await loadAllSums(ctx);
  const groups: { subject: ReturnType<typeof subjectJson>; balance: Balance }[] = [];
  if (by === "person") {
    const orgNames = new Map((await listOrganizations(ctx.db, ctx.ownerId)).map((o) => [o.id, o.name]));
    for (const p of all.people) {
      if (p.sums.entries === 0) continue;
      const subject: LedgerSubject = {
        kind: "person",
        id: p.id,
        name: p.name,
        organization: p.organizationId ? (orgNames.get(p.organizationId) ?? null) : null,
      };
      groups.push({ subject: subjectJson(subject), balance: balanceAt(p.sums, ctx.now, p.mode) });
    }
  } else if (by === "dept") {
    const orgNames = new Map((await listOrganizations(ctx.db, ctx.ownerId)).map((o) => [o.id, o.name]));
    for (const d of await listDepartments(ctx.db, ctx.ownerId)) {
      const subject: LedgerSubject = {
        kind: "department",
        id: d.id,
        name: d.name,
        organization: orgNames.get(d.organization_id) ?? "",
      };
      const sums = groupSums(all, await scopeOf(ctx, subject, all));
      if (sums.entries > 0) groups.push({ subject: subjectJson(subject), balance: balanceAt(sums, ctx.now) });
    }
  } else {
    for (const o of await listOrganizations(ctx.db, ctx.ownerId)) {
      const subject: LedgerSubject = { kind: "organization", id: o.id, name: o.name };
      const sums = groupSums(all, await scopeOf(ctx, subject, all));
      if (sums.entries > 0) groups.push({ subject: subjectJson(subject), balance: balanceAt(sums, ctx.now) });
    }
  }
  groups.sort((a, b) => (a.balance.ratio ?? 1) - (b.balance.ratio ?? 1));
  return { groups: groups.map((g) => ({ subject: g.subject, balance: balanceJson(g.balance) })) };
}
