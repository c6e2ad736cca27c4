/**
 * Today person by person: the agenda's parts (due, thanks owed, promises, asks left waiting,
 * occasions, ways to help first) gathered under the person (or department) they are about, so each
 * appears once with everything to do for them; the people in the order of their most pressing item.
 * The first is what Today leads with.
 *
 * Which comes first, and why:
 *  1. a thank-you owed for more than 30 days: the longer it waits the more it costs, and it still counts;
 *  2. a promise of mine that is late: my word, already broken a little;
 *  3. an occasion today: tomorrow it is too late;
 *  4. the people due, most overdue first (the server's priority);
 *  5. a thank-you owed lately;
 *  6. a promise of mine due within the week;
 *  7. a promise made to me (late first): a nudge, not a debt;
 *  8. an ask of mine left waiting;
 *  9. an occasion coming;
 * 10. a way to help someone first.
 * Within one step, the server's order (most pressing, or most recent, first).
 *
 * A way to help first that is about an item shown (thank them, keep the promise, the birthday,
 * reconnect) is that item's advice, not an item of its own: said once, beside its button.
 */
import { type CounterpartJson, counterpartJson } from "../../../../src/contract/counterpart.js";
import type { GoodwillService } from "../../../../src/service/goodwill-service.js";

export type TodayData = Awaited<ReturnType<GoodwillService["today"]>>;

type Due = TodayData["due"][number];
type Thanks = TodayData["thanksOwed"][number];
type Promise_ = TodayData["commitments"][number];
type Ask = TodayData["asks"][number];
type Occasion = TodayData["occasions"][number];
type Idea = TodayData["suggestions"][number];

interface Common {
  key: string;
  rank: number;
  /** what to do, in a sentence (a way to help first about this item), or null */
  advice: string | null;
}

export type AgendaItem = Common &
  (
    | { kind: "thanks"; row: Thanks }
    | { kind: "promise"; row: Promise_ }
    | { kind: "ask"; row: Ask }
    | { kind: "due"; row: Due }
    | { kind: "occasion"; row: Occasion }
    | { kind: "idea"; row: Idea }
  );

/** The item a way to help first is advice for, when the person has one of that kind. */
const ADVICE_FOR: Partial<Record<Idea["kind"], AgendaItem["kind"]>> = {
  thank: "thanks",
  "follow-through": "promise",
  occasion: "occasion",
  reconnect: "due",
};

export interface PersonAgenda {
  /** "person:<id>" or "department:<id>" */
  key: string;
  who: CounterpartJson;
  /** most pressing first */
  items: AgendaItem[];
  /** the due row, when the person is due: their badges and reason */
  due: Due | null;
  /** the rank of the first item: lower is sooner */
  rank: number;
}

/** The steps of the order above; an item's rank is its step, then its place in the server's list. */
const STEP = {
  lateThanks: 1,
  latePromise: 2,
  occasionToday: 3,
  due: 4,
  thanks: 5,
  promise: 6,
  theirPromise: 7,
  ask: 8,
  occasion: 9,
  idea: 10,
} as const;
const rankOf = (step: number, index: number) => step * 100_000 + index;

/** The agenda person by person, the most pressing first. */
export function agendaByPerson(data: TodayData): PersonAgenda[] {
  const byKey = new Map<string, PersonAgenda>();
  const add = (who: CounterpartJson, item: AgendaItem, due: Due | null = null) => {
    const key = `${who.kind}:${who.id}`;
    let agenda = byKey.get(key);
    if (!agenda) {
      agenda = { key, who, items: [], due: null, rank: Number.POSITIVE_INFINITY };
      byKey.set(key, agenda);
    }
    agenda.items.push(item);
    if (due) agenda.due = due;
    agenda.rank = Math.min(agenda.rank, item.rank);
  };
  const counterpartOf = (row: {
    personId: string | null;
    departmentId: string | null;
    counterpart: string;
  }) => counterpartJson(row, row.counterpart);

  data.thanksOwed.forEach((row, i) => {
    add(row.counterpart, {
      kind: "thanks",
      key: `thanks-${row.counterpart.id}`,
      rank: rankOf(row.late ? STEP.lateThanks : STEP.thanks, i),
      advice: null,
      row,
    });
  });
  data.commitments.forEach((row, i) => {
    const step = row.direction === "i_owe" ? (row.late ? STEP.latePromise : STEP.promise) : STEP.theirPromise;
    // a late promise to me before one not yet due
    add(counterpartOf(row), {
      kind: "promise",
      key: `promise-${row.id}`,
      rank: rankOf(step, row.late ? i : 1000 + i),
      advice: null,
      row,
    });
  });
  data.asks.forEach((row, i) => {
    add(counterpartOf(row), {
      kind: "ask",
      key: `ask-${row.id}`,
      rank: rankOf(STEP.ask, i),
      advice: null,
      row,
    });
  });
  data.due.forEach((row, i) => {
    if (!row.person) return;
    const who = { kind: "person" as const, id: row.person.id, name: row.person.name };
    add(who, { kind: "due", key: `due-${row.person.id}`, rank: rankOf(STEP.due, i), advice: null, row }, row);
  });
  data.occasions.forEach((row, i) => {
    const who = { kind: "person" as const, ...row.person };
    add(who, {
      kind: "occasion",
      key: `occasion-${row.person.id}-${row.label}`,
      rank: rankOf(row.inDays === 0 ? STEP.occasionToday : STEP.occasion, i),
      advice: null,
      row,
    });
  });
  const seen = new Map<string, number>();
  data.suggestions.forEach((row, i) => {
    // meet-new is about a department where I know nobody: its id is the department's
    const who: CounterpartJson =
      row.kind === "meet-new"
        ? {
            kind: "department",
            id: row.department?.id ?? row.person.id,
            name: row.department?.name ?? row.person.name,
          }
        : { kind: "person", id: row.person.id, name: row.person.name };
    const base = `idea-${row.kind}-${row.person.id}-${row.otherPerson?.id ?? ""}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    add(who, {
      kind: "idea",
      key: n === 1 ? base : `${base}#${n}`,
      rank: rankOf(STEP.idea, i),
      advice: null,
      row,
    });
  });

  const agendas = [...byKey.values()];
  for (const agenda of agendas) {
    agenda.items = withAdvice(agenda);
    agenda.items.sort((a, b) => a.rank - b.rank);
    agenda.rank = Math.min(...agenda.items.map((item) => item.rank));
  }
  return agendas.sort((a, b) => a.rank - b.rank);
}

/**
 * The person's ways to help first (the due row's first one, and those listed) as advice on the
 * items they are about; an idea said twice, or already said as advice, is left out.
 */
function withAdvice(agenda: PersonAgenda): AgendaItem[] {
  const said = new Set<string>();
  const place = (idea: Idea): boolean => {
    if (said.has(idea.action)) return true;
    const kind = ADVICE_FOR[idea.kind];
    const candidates = agenda.items.filter((item) => item.kind === kind && item.advice === null);
    // a follow-through quotes the promise it is about
    const item =
      candidates.find((c) => c.kind === "promise" && idea.action.includes(c.row.summary)) ?? candidates[0];
    if (!item) return false;
    item.advice = idea.action;
    said.add(idea.action);
    return true;
  };
  const dueItem = agenda.items.find((item) => item.kind === "due");
  const first = agenda.due?.suggestion;
  if (first && !place(first) && dueItem) {
    dueItem.advice = first.action;
    said.add(first.action);
  }
  return agenda.items.filter((item) => {
    if (item.kind !== "idea") return true;
    if (place(item.row)) return false;
    said.add(item.row.action);
    return true;
  });
}

/** What the first-seven-of-each agenda leaves out, in words ("3 more thank-yous owed"), or none. */
export function leftOut(data: TodayData): string[] {
  const parts: [number, number, string, string][] = [
    [data.counts.due, data.due.length, "person due", "people due"],
    [data.counts.thanksOwed, data.thanksOwed.length, "thank-you owed", "thank-yous owed"],
    [data.counts.commitments, data.commitments.length, "promise", "promises"],
    [data.counts.asks, data.asks.length, "ask waiting", "asks waiting"],
    [data.counts.occasions, data.occasions.length, "occasion", "occasions"],
    [data.counts.suggestions, data.suggestions.length, "way to help first", "ways to help first"],
    [data.counts.groups, data.groups.length, "event group", "event groups"],
  ];
  return parts.flatMap(([all, shown, one, many]) => {
    const more = all - shown;
    return more > 0 ? [`${more.toLocaleString("en")} more ${more === 1 ? one : many}`] : [];
  });
}
