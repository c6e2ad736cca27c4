/**
 * A user's own words quoted inside advice: in typographic quotes, never doubled. Quotes the text
 * already had around it are dropped, and straight double quotes inside it become single ones, so
 * `Set up "Teams"` reads “Set up ‘Teams’”, not “Set up "Teams"”.
 */
export function quoteText(text: string): string {
  let inner = text.trim().replace(/[.!]+$/, "");
  // Quotes all round the text are the user's own quotation marks, not part of what they said.
  while (inner.length >= 2 && /^["“”„'‘’].*["“”„'‘’]$/s.test(inner) && !/["“”„]/.test(inner.slice(1, -1)))
    inner = inner.slice(1, -1).trim();
  inner = inner
    .replace(/"([^"]*)"/g, "‘$1’")
    .replace(/[“„]/g, "‘")
    .replace(/["”]/g, "’");
  return `“${inner}”`;
}
