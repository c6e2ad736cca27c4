/**
 * Labels for emails, phones and web pages, as every reader writes them: the common kinds in lower
 * case ("work", "home", "mobile", "home fax"), anything the user typed kept as they typed it.
 */

/** vCard TYPE values that say how a value is used rather than whose it is. */
const NOT_A_LABEL = new Set([
  "pref",
  "internet",
  "x400",
  "voice",
  "msg",
  "text",
  "video",
  "postal",
  "parcel",
  "dom",
  "intl",
]);

const SYNONYMS: Record<string, string> = {
  cell: "mobile",
  cellular: "mobile",
  mobile: "mobile",
  personal: "home",
  business: "work",
  office: "work",
  homepage: "home page",
  "home page": "home page",
};

const KNOWN = new Set([
  "home",
  "work",
  "mobile",
  "other",
  "main",
  "fax",
  "pager",
  "school",
  "iphone",
  "car",
  "isdn",
  "modem",
  "bbs",
  "blog",
  "profile",
  "linkedin",
  "twitter",
  "facebook",
  "assistant",
  "callback",
  // Relations (X-ABRELATEDNAMES, Google's "Relation N - Label")
  "spouse",
  "partner",
  "friend",
  "child",
  "parent",
  "mother",
  "father",
  "brother",
  "sister",
  "relative",
  "manager",
]);

/** A label from vCard TYPE parameters (already lower case), e.g. [work, fax] → "work fax"; null if none. */
export function labelFromTypes(types: readonly string[]): string | null {
  const words: string[] = [];
  for (const type of types) {
    if (NOT_A_LABEL.has(type) || type === "") continue;
    const word = SYNONYMS[type] ?? type;
    if (!words.includes(word)) words.push(word);
  }
  if (words.length === 0) return null;
  // Whose line it is reads first, whatever order the exporter wrote: [fax, work] → "work fax".
  if (words.length > 1) words.sort((a, b) => Number(!WHOSE.has(a)) - Number(!WHOSE.has(b)));
  return words.join(" ");
}

const WHOSE = new Set(["home", "work", "other", "school"]);

/**
 * A label as a person or an app wrote it. Apple's built-in labels (`_$!<HomePage>!$_`) become
 * plain words ("home page"); common words are lower-cased; anything else is kept verbatim.
 */
export function normaliseLabel(raw: string): string | null {
  let label = raw.trim();
  const apple = /^_\$!<(.*)>!\$_$/.exec(label);
  if (apple) {
    label = apple[1]!.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return label === "" ? null : (SYNONYMS[label] ?? label);
  }
  if (label === "") return null;
  const words = label.toLowerCase().split(/\s+/);
  if (!words.every((word) => KNOWN.has(word) || SYNONYMS[word] !== undefined)) return label;
  return words.map((word) => SYNONYMS[word] ?? word).join(" ");
}
