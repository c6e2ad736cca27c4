/**
 * A kept write in words, for the "Waiting to send" panel (outbox.ts): what it is and with whom,
 * from the request it will send.
 */

const SHORT = 80;

function short(text: unknown): string {
  const words = typeof text === "string" ? text.trim() : "";
  return words.length > SHORT ? `${words.slice(0, SHORT - 1)}…` : words;
}

/** "A", "A and B", "A, B and C", "A, B and 3 others". */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "nobody";
  if (names.length <= 3) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} others`;
}

/**
 * What a write is, in words, for the panel: from its path and body, with the names this device knows
 * (`nameOf`: from the screens' data; "someone" when it knows none).
 */
export function describeWrite(path: string, body: unknown, nameOf: (id: string) => string | null): string {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const name = (id: unknown) => (typeof id === "string" ? (nameOf(id) ?? "someone") : "someone");
  const what = short(fields.summary ?? fields.body);
  const quoted = what ? `: “${what}”` : "";
  if (path === "/interactions") {
    const ids = Array.isArray(fields.personIds) ? fields.personIds : [];
    return `Moment with ${namesInWords(ids.map(name))}${quoted}`;
  }
  if (path === "/exchanges") {
    const who =
      typeof fields.personId === "string"
        ? name(fields.personId)
        : typeof fields.departmentId === "string"
          ? (nameOf(fields.departmentId) ?? "a department")
          : "someone";
    if (fields.direction === "received") return `${who} gave${quoted}`;
    return fields.kind === "thanks" ? `Thank-you to ${who}${quoted}` : `I gave ${who}${quoted}`;
  }
  const note = path.match(/^\/people\/([^/]+)\/notes$/);
  if (note) return `Note on ${name(decodeURIComponent(note[1] ?? ""))}${quoted}`;
  return `A change (${path})${quoted}`;
}
