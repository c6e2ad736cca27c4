/**
 * How a label ("work", "mobile", "home fax", "spouse", "My gym") is written on a vCard property:
 * as standard TYPE values where the version defines them for that property, otherwise as an item
 * group with X-ABLabel, the form Apple, Google and ez-vcard all keep.
 */

export type VCardVersion = "3.0" | "4.0";

/** Properties whose label may become TYPE values. */
export type LabelledProperty = "EMAIL" | "TEL" | "URL" | "RELATED";

/** Label words and the TYPE value each becomes, per property and version. */
const TYPE_WORDS: Record<VCardVersion, Record<LabelledProperty, Record<string, string>>> = {
  "3.0": {
    EMAIL: { home: "home", work: "work" },
    // RFC 2426 §3.3.1; "mobile" is what our readers call TYPE=cell.
    TEL: {
      home: "home",
      work: "work",
      mobile: "cell",
      fax: "fax",
      pager: "pager",
      car: "car",
      isdn: "isdn",
      modem: "modem",
      bbs: "bbs",
    },
    URL: { home: "home", work: "work" },
    RELATED: {},
  },
  "4.0": {
    EMAIL: { home: "home", work: "work" },
    // RFC 6350 §6.4.1: car, isdn, modem and bbs are gone in 4.0.
    TEL: { home: "home", work: "work", mobile: "cell", fax: "fax", pager: "pager" },
    URL: { home: "home", work: "work" },
    // RFC 6350 §6.6.6, the relations our labels can name.
    RELATED: Object.fromEntries(
      [
        "contact",
        "acquaintance",
        "friend",
        "met",
        "co-worker",
        "colleague",
        "co-resident",
        "neighbor",
        "child",
        "parent",
        "sibling",
        "spouse",
        "kin",
        "muse",
        "crush",
        "date",
        "sweetheart",
        "me",
        "agent",
        "emergency",
      ].map((type) => [type, type]),
    ),
  },
};

/**
 * The TYPE values that say the label, or null when the label needs an X-ABLabel instead. A label
 * is written as TYPE only when every one of its words has a standard value, so nothing is lost.
 */
export function typesForLabel(
  label: string,
  property: LabelledProperty,
  version: VCardVersion,
): string[] | null {
  const words = TYPE_WORDS[version][property];
  const types: string[] = [];
  for (const word of label.toLowerCase().split(/\s+/)) {
    // An own-property check: a label such as "constructor" must not find Object.prototype.
    const type = Object.hasOwn(words, word) ? words[word] : undefined;
    if (type === undefined) return null;
    if (!types.includes(type)) types.push(type);
  }
  return types.length === 0 ? null : types;
}

/** Apple's built-in labels, which Apple shows translated when written in its `_$!<…>!$_` form. */
const APPLE_LABELS: Record<string, string> = {
  other: "Other",
  main: "Main",
  "home page": "HomePage",
  anniversary: "Anniversary",
  spouse: "Spouse",
  partner: "Partner",
  child: "Child",
  parent: "Parent",
  mother: "Mother",
  father: "Father",
  brother: "Brother",
  sister: "Sister",
  friend: "Friend",
  manager: "Manager",
  assistant: "Assistant",
};

/** The X-ABLabel value for a label: Apple's built-in form where there is one, else the label as is. */
export function abLabel(label: string): string {
  const apple = Object.hasOwn(APPLE_LABELS, label) ? APPLE_LABELS[label] : undefined;
  return apple === undefined ? label : `_$!<${apple}>!$_`;
}
