/**
 * The filter of an addressbook-query REPORT (RFC 6352 §10.5): prop-filters on any property (FN,
 * EMAIL, TEL …) with text-match (equals, contains, starts-with, ends-with; negation) or
 * is-not-defined, combined with anyof / allof.
 */
import { GoodwillError } from "../errors.js";
import { normaliseVCard } from "../formats/read/vcard-normalise.js";
import { unescapeText } from "../formats/read/vcard-value-text.js";
import { CARDDAV, childrenNamed, type XmlElement } from "./xml.js";

type Match = (values: string[]) => boolean;

export type CardFilter = (cardText: string) => boolean;

const COLLATIONS = new Set(["i;unicode-casemap", "i;ascii-casemap", "i;octet"]);

/** The filter an element describes; no element matches every card. */
export function cardFilter(filter: XmlElement | undefined): CardFilter {
  if (!filter) return () => true;
  const allOf = filter.attrs.test === "allof";
  const props = childrenNamed(filter, CARDDAV, "prop-filter").map(propFilter);
  if (props.length === 0) return () => true;
  return (text) => {
    const values = propertyValues(text);
    const results = props.map((p) => p(values));
    return allOf ? results.every(Boolean) : results.some(Boolean);
  };
}

function propFilter(element: XmlElement): (values: Map<string, string[]>) => boolean {
  const name = (element.attrs.name ?? "").toUpperCase();
  if (name === "") throw new GoodwillError("malformed", "A prop-filter needs a name (FN, EMAIL, TEL …).");
  const allOf = element.attrs.test === "allof";
  if (childrenNamed(element, CARDDAV, "is-not-defined").length > 0)
    return (values) => (values.get(name) ?? []).length === 0;
  const matches = childrenNamed(element, CARDDAV, "text-match").map(textMatch);
  return (values) => {
    const found = values.get(name) ?? [];
    if (matches.length === 0) return found.length > 0;
    const results = matches.map((m) => m(found));
    return allOf ? results.every(Boolean) : results.some(Boolean);
  };
}

function textMatch(element: XmlElement): Match {
  const collation = element.attrs.collation ?? "i;unicode-casemap";
  if (!COLLATIONS.has(collation))
    throw new GoodwillError(
      "malformed",
      `The collation ${collation} is not supported: use i;unicode-casemap.`,
    );
  const fold = collation === "i;octet" ? (s: string) => s : (s: string) => s.toLocaleLowerCase("und");
  const wanted = fold(element.text);
  const type = element.attrs["match-type"] ?? "contains";
  const test: (value: string) => boolean =
    type === "equals"
      ? (v) => v === wanted
      : type === "starts-with"
        ? (v) => v.startsWith(wanted)
        : type === "ends-with"
          ? (v) => v.endsWith(wanted)
          : (v) => v.includes(wanted);
  const negate = element.attrs["negate-condition"] === "yes";
  return (values) => {
    const any = values.some((v) => test(fold(v)));
    return negate ? !any : any;
  };
}

/** A card's values by property name (upper case), unescaped. */
function propertyValues(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  // The reader takes the card's bytes, one character per byte.
  for (const line of normaliseVCard(Buffer.from(text, "utf8").toString("latin1"))) {
    const list = values.get(line.name);
    const value = unescapeText(line.value);
    if (list) list.push(value);
    else values.set(line.name, [value]);
  }
  return values;
}
