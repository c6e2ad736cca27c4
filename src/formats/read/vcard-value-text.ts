/** vCard value escaping (RFC 6350 §3.4): `\,` `\;` `\:` `\\` and `\n`/`\N` for a line break. */

/** Removes vCard escapes; an unknown escape keeps its backslash, so a Windows path survives. */
export function unescapeText(raw: string): string {
  if (raw.indexOf("\\") < 0) return raw;
  let out = "";
  const length = raw.length;
  for (let i = 0; i < length; i++) {
    const c = raw[i];
    if (c !== "\\" || i === length - 1) {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    if (next === "n" || next === "N") out += "\n";
    else if (next === "," || next === ";" || next === ":" || next === "\\" || next === '"') out += next;
    else out += c + next;
    i++;
  }
  return out;
}

/** Splits a still-escaped value at every unescaped `separator`; the parts stay escaped. */
export function splitEscaped(raw: string, separator: ";" | ","): string[] {
  if (raw.indexOf(separator) < 0) return [raw];
  const parts: string[] = [];
  let from = 0;
  const length = raw.length;
  for (let i = 0; i < length; i++) {
    const c = raw[i];
    if (c === "\\") i++;
    else if (c === separator) {
      parts.push(raw.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(raw.slice(from));
  return parts;
}

/** The components of a structured value (N, ORG, ADR), unescaped and trimmed. */
export function structuredComponents(raw: string): string[] {
  return splitEscaped(raw, ";").map((part) => unescapeText(part).trim());
}
