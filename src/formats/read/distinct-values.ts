/**
 * Adding to a list only what is not in it yet, without scanning the list: a card with 20,000 EMAIL
 * lines compared each with all before it and froze the server for seconds. The keys of a list are
 * kept beside it (weakly, so they go with the list) and rebuilt if the list was changed elsewhere.
 */

const KEYS = new WeakMap<readonly unknown[], { keys: Set<string>; length: number }>();
/** Lists shorter than this are scanned, not given a set of keys. */
const SCANNED_UP_TO = 8;

/** Pushes `item` unless an item with the same key is in `list` already; true when it was added. */
export function pushDistinct<T>(list: T[], item: T, key: string, keyOf: (existing: T) => string): boolean {
  // A short list (a card's two or three emails) is scanned: its keys' set and their map entry cost
  // every card of an import more than the comparisons do.
  if (list.length < SCANNED_UP_TO && !KEYS.has(list)) {
    for (const existing of list) if (keyOf(existing) === key) return false;
    list.push(item);
    return true;
  }
  let known = KEYS.get(list);
  if (known === undefined || known.length !== list.length) {
    known = { keys: new Set(list.map(keyOf)), length: list.length };
    KEYS.set(list, known);
  }
  if (known.keys.has(key)) return false;
  known.keys.add(key);
  list.push(item);
  known.length = list.length;
  return true;
}
