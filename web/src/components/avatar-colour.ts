/**
 * A person's initials and their colour: the same person always gets the same colour (a hash of
 * their id, not of their name, so a rename keeps it and two namesakes may differ). Every colour of
 * the palette carries white initials at a contrast of 4.5:1 or more (WCAG AA for small text).
 */

/** Dark, muted tones of different hues; none reads as a warning or an error badge. */
export const AVATAR_PALETTE = [
  "#2f6f5e", // green, the accent
  "#1f5f8b", // blue
  "#6a4c9c", // violet
  "#8b3a62", // plum
  "#8a5a00", // ochre
  "#00707a", // teal
  "#3d5a80", // slate
  "#5f6b1f", // olive
  "#9a4a1f", // rust
  "#4a5568", // graphite
] as const;

/** FNV-1a over the id's UTF-16 units: fast, and spreads similar ids (uuidv7s share a prefix). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The person's colour, from their id. */
export function avatarColour(id: string): string {
  return AVATAR_PALETTE[hash(id) % AVATAR_PALETTE.length] as string;
}

/**
 * "Raj Patel" → "RP", "Concetta Russo-Bianchi" → "CR", "Mum" → "M", "ștefan ó súilleabháin" → "ȘS";
 * a word without a letter or digit ("-", an emoji) is skipped; no letter at all gives "?".
 */
export function initials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((first): first is string => first !== undefined);
  const first = words[0];
  if (first === undefined) return "?";
  const last = words.length > 1 ? words[words.length - 1] : "";
  return `${first}${last}`.toLocaleUpperCase();
}

/** The WCAG contrast ratio between a colour ("#rrggbb") and white. */
export function contrastWithWhite(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}
