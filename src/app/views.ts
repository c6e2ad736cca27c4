/**
 * The JSON shapes of DESIGN §4.1, shared by the CLI's --json and (later) the HTTP API. Numbers are
 * rounded here, and only here, so every surface shows the same figures.
 */
import type { AskJson, CommitmentJson } from "../contract/ask.js";
import type { Due } from "../domain/due.js";
import type { Balance } from "../domain/giving-balance.js";
import type { PersonDetails } from "../storage/person.repository.js";
import { parseTags } from "../storage/person.repository.js";
import type { AskRow, CommitmentRow, PersonRow } from "../storage/schema.js";

export interface PersonJson {
  id: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  organization: string | null;
  department: string | null;
  title: string | null;
  emails: string[];
  phones: string[];
  urls: string[];
  tags: string[];
  layer: number;
  closeness: number;
  cadenceDays: number | null;
  ledgerMode: string;
  isColleague: boolean;
  birthday: string | null;
  dates: { label: string; date: string }[];
  met: { text: string | null; on: string | null; throughId: string | null };
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export function personJson(
  person: PersonRow,
  names: { organization: string | null; department: string | null; isColleague: boolean },
  details: PersonDetails | undefined,
): PersonJson {
  return {
    id: person.id,
    name: person.display_name,
    givenName: person.given_name,
    familyName: person.family_name,
    nickname: person.nickname,
    organization: names.organization,
    department: names.department,
    title: person.title,
    emails: details?.emails.map((e) => e.value) ?? [],
    phones: details?.phones.map((p) => p.value) ?? [],
    urls: details?.urls.map((u) => u.value) ?? [],
    tags: parseTags(person.tags),
    layer: person.layer,
    closeness: person.closeness,
    cadenceDays: person.cadence_days,
    ledgerMode: person.ledger_mode,
    isColleague: names.isColleague,
    birthday: person.birthday,
    dates: details?.dates ?? [],
    met: { text: person.met_text, on: person.met_on, throughId: person.met_through_id },
    archived: person.archived === 1,
    createdAt: person.created_at,
    updatedAt: person.updated_at,
  };
}

export const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function balanceJson(balance: Balance): Balance {
  return {
    gave: balance.gave === null ? null : round(balance.gave, 1),
    received: balance.received === null ? null : round(balance.received, 1),
    ratio: balance.ratio === null ? null : round(balance.ratio, 2),
    label: balance.label,
    entries: balance.entries,
  };
}

export function dueJson(due: Due): Due {
  return { ...due, cadenceDays: due.cadenceDays === null ? null : round(due.cadenceDays, 1) };
}

export function askJson(ask: AskRow, counterpart: string): AskJson {
  return {
    id: ask.id,
    number: ask.number,
    personId: ask.person_id,
    departmentId: ask.department_id,
    counterpart,
    summary: ask.summary,
    askedAt: ask.asked_at,
    status: ask.status,
    resolvedAt: ask.resolved_at,
    exchangeId: ask.exchange_id,
  };
}

export function commitmentJson(c: CommitmentRow, counterpart: string, late: boolean): CommitmentJson {
  return {
    id: c.id,
    number: c.number,
    personId: c.person_id,
    departmentId: c.department_id,
    counterpart,
    direction: c.direction,
    summary: c.summary,
    dueOn: c.due_on,
    status: c.status,
    late,
    createdAt: c.created_at,
    resolvedAt: c.resolved_at,
    exchangeId: c.exchange_id,
  };
}
