/**
 * U+0000 (NUL) taken out of imported data. PostgreSQL's text cannot hold it (SQLite's can), and no
 * address book or backup means one: dropping it keeps a record, and the import, the same on both
 * stores.
 */
export const NUL = "\u0000";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `value` without NUL in any string or key; `fields` gets the top-level field (`field`, or the key
 * under which it was found) of each. What holds no NUL is returned as it is, not copied.
 */
export function nulFree(value: unknown, field: string, fields: Set<string>): unknown {
  // Almost nothing has one: a look that allocates nothing, before a walk that copies (every record of
  // an import passes here; the walk's entries were a sixth of the vCard reader's time).
  return holdsNul(value) ? withoutNul(value, field, fields) : value;
}

/** Whether a string or key anywhere in `value` holds NUL. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsNul);
  for (const key in value)
    if (Object.hasOwn(value, key) && (key.includes(NUL) || holdsNul((value as Record<string, unknown>)[key])))
      return true;
  return false;
}

function withoutNul(value: unknown, field: string, fields: Set<string>): unknown {
  if (typeof value === "string") {
    if (!value.includes(NUL)) return value;
    fields.add(field);
    return value.replaceAll(NUL, "");
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const clean = withoutNul(item, field, fields);
      if (clean === item) return;
      copy ??= [...value];
      copy[i] = clean;
    });
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
    const cleanKey = key.includes(NUL) ? key.replaceAll(NUL, "") : key;
    const clean = withoutNul(item, field || cleanKey, fields);
    if (cleanKey !== key) fields.add(field || cleanKey);
    if (cleanKey !== key || clean !== item) changed = true;
    return [cleanKey, clean];
  });
  return changed ? Object.fromEntries(entries) : value;
}
