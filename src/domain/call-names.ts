/**
 * What advice calls a person: the first name ("Ask Ana how…"), unless someone else named in the
 * same suggestion or listing has that first name too, when it takes the whole name ("Ana Lopez is
 * hiring a designer, and Ana Silva designs brochures"): a first name that two people answer to
 * tells the reader nothing.
 */
import { firstName } from "./playbook.js";

/** A name as two are compared: case and accents aside. */
function fold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .trim();
}

function firstNameKey(personName: string): string {
  return fold(firstName(personName));
}

/**
 * The name each person is called by in one listing, by id: the first name, or the whole display
 * name when another person of the listing shares the first name. The same person twice (one id)
 * is no clash.
 */
export function callNames(people: readonly { id: string; name: string }[]): Map<string, string> {
  const idsByFirst = new Map<string, Set<string>>();
  for (const p of people) {
    const key = firstNameKey(p.name);
    const ids = idsByFirst.get(key) ?? new Set<string>();
    ids.add(p.id);
    idsByFirst.set(key, ids);
  }
  const names = new Map<string, string>();
  for (const p of people) {
    const shared = (idsByFirst.get(firstNameKey(p.name))?.size ?? 0) > 1;
    names.set(p.id, shared ? p.name.trim() : firstName(p.name));
  }
  return names;
}

/**
 * Two people named in one sentence: the names each is called by there, whole names when the names
 * they would otherwise go by (`aCall`, `bCall`, first names by default) are the same.
 */
export function tellApart(
  a: { name: string; call?: string | undefined },
  b: { name: string; call?: string | undefined },
): [string, string] {
  const aCall = a.call ?? firstName(a.name);
  const bCall = b.call ?? firstName(b.name);
  if (fold(aCall) !== fold(bCall)) return [aCall, bCall];
  return [a.name.trim(), b.name.trim()];
}
