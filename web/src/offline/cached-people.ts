/**
 * The people this device knows without asking the server: those the screens have read (Today, the
 * People lists, the people opened). While the server cannot be reached, the quick log's name search
 * looks here, and the "Waiting to send" panel names the people of a kept write from here.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";

export interface CachedPerson {
  id: string;
  name: string;
  /** department and organization, to tell two people of one name apart */
  org: string;
}

/** The fields under which the API's documents name a person ({id, name, …}). */
const PERSON_FIELDS = new Set(["person", "counterpart", "people", "participants", "otherPerson"]);
const SCREENS = new Set(["today", "people", "person", "week"]);
const DEEPEST = 6;

function asPerson(value: unknown): CachedPerson | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || typeof v.name !== "string") return null;
  if (v.kind !== undefined && v.kind !== "person") return null;
  const org = [v.department, v.organization].filter((part) => typeof part === "string" && part).join(", ");
  return { id: v.id, name: v.name, org };
}

function walk(value: unknown, depth: number, found: Map<string, CachedPerson>): void {
  if (depth > DEEPEST || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, found);
    return;
  }
  for (const [field, inner] of Object.entries(value)) {
    if (PERSON_FIELDS.has(field)) {
      for (const candidate of Array.isArray(inner) ? inner : [inner]) {
        const person = asPerson(candidate);
        // the fuller entry (with its organization) wins
        if (person && (!found.has(person.id) || person.org)) found.set(person.id, person);
      }
    }
    walk(inner, depth + 1, found);
  }
}

/** Every person the screens have named since the page opened (or since the device's copy was read). */
const known = new Map<string, CachedPerson>();

/**
 * Learns the people each screen's data names, as it arrives (so a row a write has just taken off
 * Today still has its name for the "Waiting to send" panel). Forgotten when nobody is signed in.
 */
export function learnPeople(client: QueryClient): void {
  const learn = (key: QueryKey, data: unknown) => {
    if (SCREENS.has(key[0] as string)) walk(data, 0, known);
    if (
      key[0] === "me" &&
      typeof data === "object" &&
      data !== null &&
      !("signedIn" in data && data.signedIn)
    )
      known.clear();
  };
  for (const query of client.getQueryCache().getAll()) learn(query.queryKey, query.state.data);
  client.getQueryCache().subscribe((event) => {
    const arrived =
      event.type === "added" ||
      (event.type === "updated" && (event.action.type === "success" || event.action.type === "setState"));
    if (arrived) learn(event.query.queryKey, event.query.state.data);
  });
}

/** The name of a person the screens have shown, or null. */
export function knownName(id: string): string | null {
  return known.get(id)?.name ?? null;
}

/** Lower case without accents: "Zoë" is found by "zoe". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The known people whose name starts with, has a word starting with, or contains what was typed, best first. */
export function searchKnownPeople(typed: string, limit = 8): CachedPerson[] {
  const q = folded(typed.trim());
  if (!q) return [];
  const scored: [number, CachedPerson][] = [];
  for (const person of known.values()) {
    const name = folded(person.name);
    const score = name.startsWith(q) ? 0 : name.split(/\s+/).some((word) => word.startsWith(q)) ? 1 : -1;
    if (score >= 0) scored.push([score, person]);
    else if (name.includes(q)) scored.push([2, person]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, person]) => person);
}
