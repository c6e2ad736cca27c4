/**
 * JSON nested too deep, and U+0000 (NUL), at the API's door. PostgreSQL's text cannot hold it, SQLite's can: a name with a NUL
 * in it was a 500 on one store and a record on the other. No person types one, so a request that
 * carries one — in its JSON body, its query or its path — is refused (422) the same on both stores,
 * saying where it is. Imported files are not requests to refuse: they lose their NULs with a warning
 * (formats/read/read-contacts.ts, app/backup-repair.ts).
 */
import type { Context, Next } from "hono";
import { GoodwillError } from "../../errors.js";

const NUL = "\u0000";

/**
 * Where in a JSON value a string holds a NUL ("name", "emails.1.value"; "" for the value itself), or
 * null when none does.
 */
export function nulPath(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // A key is text the handler may read too.
      if (key.includes(NUL)) return [...path, key.replaceAll(NUL, "")].join(".");
      const found = nulPath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** `field`: the field at fault, as the validator's messages name it, for a form to show beside it. */
function refuse(where: string, field?: string): never {
  throw new GoodwillError(
    "invalid",
    `${where} holds a NUL character (U+0000), which Goodwill does not store. Remove it and send again.`,
    field === undefined ? undefined : { field },
  );
}

/**
 * How deep a request's JSON may nest. Goodwill's deepest request body is three levels (a list of
 * objects in an object); a body nested thousands deep is an attack on the parser and the checks
 * that walk it (their recursion ran out of stack: a 500, and seconds of a blocked event loop).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests arrays and objects deeper than `max`, read without parsing it. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Refuses a request with a NUL in its path, query or JSON body; the import's file is left alone. */
export async function refuseNul(c: Context, next: Next): Promise<void> {
  // A request line cannot carry the NUL byte itself: in an address it can only be written %00.
  if (c.req.url.includes("%00")) {
    const url = new URL(c.req.url);
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // a malformed escape is the router's business; it holds no NUL we could read
    }
    if (path.includes(NUL)) refuse("The address");
    for (const [name, value] of url.searchParams) {
      if (name.includes(NUL) || value.includes(NUL)) {
        const field = name.replaceAll(NUL, "");
        refuse(`The query parameter ${field}`, field);
      }
    }
  }
  // A GET or HEAD has no body; asking for one would build a whole web Request for nothing.
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const type = c.req.header("content-type") ?? "";
  if (c.req.raw.body && type.includes("json") && c.req.path !== "/api/v1/import") {
    // Read once: the route's validator reads the same cached text.
    const text = await c.req.text();
    if (nestsDeeperThan(text, MAX_JSON_DEPTH))
      throw new GoodwillError(
        "malformed",
        `The request body nests lists and objects more than ${MAX_JSON_DEPTH} levels deep; no request Goodwill takes is more than a few levels deep.`,
      );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next(); // the validator says what is wrong with it
    }
    const where = nulPath(body);
    if (where !== null) refuse(where === "" ? "The request body" : `The field ${where}`, where || undefined);
  }
  await next();
}
