/**
 * Who can take me into a department where I know nobody yet (DESIGN §3.5 `meet-new`): a bridge is
 * someone I have been in touch with who is the way to someone there. Found in what I recorded, in
 * this order: a person there whom I came to know of through someone I know ("met through"); someone
 * I know whose title, notes, needs or offers mention the department; else a person there I have on
 * file but never contacted, to get to know directly.
 */
import type { MeetNewBridge } from "../domain/suggestions.js";
import { agendaReads } from "../storage/agenda.repository.js";
import type { AppContext } from "./context.js";
import type { RelationshipState } from "./relationship-state.js";

/**
 * Whether the user knows this person: they have been in touch, or added them as more than an
 * acquaintance. A name from an imported directory (layer 500) never contacted is not someone known.
 */
export function knowsThem(s: RelationshipState): boolean {
  return s.lastContactAt !== null || s.person.layer !== 500;
}

export interface DepartmentWithNobody {
  id: string;
  name: string;
  organization: string;
}

/** One bridge per department that has one, by department id. */
export async function bridgesInto(
  ctx: AppContext,
  departments: DepartmentWithNobody[],
  states: RelationshipState[],
): Promise<Map<string, MeetNewBridge>> {
  const bridges = new Map<string, MeetNewBridge>();
  if (departments.length === 0) return bridges;
  // A bridge is someone the user has actually been in touch with.
  const known = states.filter((s) => s.lastContactAt !== null && !s.person.archived);
  const knownById = new Map(known.map((s) => [s.person.id, s]));
  const ref = (s: RelationshipState) => ({
    id: s.person.id,
    name: s.person.display_name,
    department: s.isColleague ? s.departmentName : null,
  });

  // Names on file in those departments: people the user does not know yet (see knowsThem).
  const wanted = new Set(departments.map((d) => d.id));
  const strangers = await agendaReads(ctx.db, ctx.ownerId).acquaintancesIn([...wanted]);
  const unmet = strangers.filter((p) => !knownById.has(p.id));
  for (const p of unmet) {
    const through = p.met_through_id === null ? undefined : knownById.get(p.met_through_id);
    if (through && p.department_id !== null && !bridges.has(p.department_id))
      bridges.set(p.department_id, {
        via: ref(through),
        target: { id: p.id, name: p.display_name },
        evidence: "met-through",
      });
  }

  // Someone I know whose own words mention the department ("works with Legal on contracts").
  const texts =
    known.length === 0
      ? []
      : await textsOf(
          ctx,
          known.map((s) => s.person.id),
        );
  for (const d of departments) {
    if (bridges.has(d.id)) continue;
    const word = new RegExp(`(^|[^\\p{L}])${escapeRegExp(d.name)}([^\\p{L}]|$)`, "iu");
    const found = texts.find((t) => {
      const s = knownById.get(t.personId);
      return s !== undefined && s.person.department_id !== d.id && word.test(t.text);
    });
    const via = found && knownById.get(found.personId);
    const there = unmet.find((p) => p.department_id === d.id);
    if (found && via)
      bridges.set(d.id, {
        via: ref(via),
        ...(there ? { target: { id: there.id, name: there.display_name } } : {}),
        evidence: found.kind,
      });
  }

  // Nobody to ask: someone on file there is still a name to start with.
  for (const p of unmet) {
    if (p.department_id !== null && !bridges.has(p.department_id))
      bridges.set(p.department_id, { target: { id: p.id, name: p.display_name }, evidence: "on-file" });
  }
  return bridges;
}

async function textsOf(
  ctx: AppContext,
  ids: string[],
): Promise<{ personId: string; kind: MeetNewBridge["evidence"]; text: string }[]> {
  const { people, notes, needs, offers } = await agendaReads(ctx.db, ctx.ownerId).wordsAbout(ids);
  return [
    ...people.flatMap((p) => (p.title ? [{ personId: p.id, kind: "title" as const, text: p.title }] : [])),
    ...notes.map((n) => ({ personId: n.person_id, kind: "note" as const, text: n.body })),
    ...offers.map((o) => ({ personId: o.person_id, kind: "offer" as const, text: o.text })),
    ...needs.map((n) => ({ personId: n.person_id, kind: "need" as const, text: n.text })),
    ...people.flatMap((p) =>
      p.met_text ? [{ personId: p.id, kind: "met" as const, text: p.met_text }] : [],
    ),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
