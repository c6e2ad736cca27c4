/**
 * Whom a record is with, as every JSON document names it (DESIGN §4.1). Types only: the app builds
 * these, the HTTP schemas describe them, the CLI prints them and the web reads them.
 */

/** A person named inside another document: `person: {id, name}`. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A person or a department, named: whom a ledger entry, an ask, a thank-you or a promise is with. */
export interface CounterpartJson {
  kind: "person" | "department";
  id: string;
  name: string;
}

/**
 * A counterpart with its organization: what resolving a WHO answers, and the subject of a person's
 * or a department's ledger. A department always belongs to an organization; a person may not.
 */
export type CounterpartSummary =
  | { kind: "person"; id: string; name: string; organization: string | null }
  | { kind: "department"; id: string; name: string; organization: string };

/**
 * The counterpart of a record that points at a person or else a department, with its name: the
 * one place that turns the pair of ids into the named shape, for the app and the web alike.
 */
export function counterpartJson(
  ids: { personId: string | null; departmentId: string | null },
  name: string,
): CounterpartJson {
  return ids.personId
    ? { kind: "person", id: ids.personId, name }
    : { kind: "department", id: ids.departmentId ?? "", name };
}
