/**
 * A large address book for the `import` benchmark: deterministic vCard 3.0 contacts with the
 * properties real exports carry (UID, N, FN, EMAIL, TEL, ORG with a department, TITLE, and on some a
 * BDAY or a NOTE). Every contact has its own UID, email and phone, so an import creates one person
 * per card and merges nothing. The same `contactAt(i)` feeds the file and the benchmark's baseline,
 * which inserts these contacts' rows without the app.
 */

import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";

/** One generated contact, before it is written as a vCard. */
export interface GeneratedContact {
  uid: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  phone: string;
  organization: string;
  department: string;
  title: string;
  /** YYYY-MM-DD on every third contact */
  birthday: string | null;
  /** on every fourth contact */
  note: string | null;
}

// biome-ignore format: a list of names reads best as a block
const GIVEN = [
  "Ada", "Bela", "Chidi", "Dara", "Emeka", "Farah", "Goran", "Hana", "Inès", "Jonas", "Keiko", "Lars",
  "Maya", "Nuno", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Vera", "Wen", "Yusuf",
  "Zoë", "Amir", "Björn", "Carmen", "Dmitri", "Elif", "Fatima", "Gustavo",
];
// biome-ignore format: a list of names reads best as a block
const FAMILY = [
  "Abara", "Berg", "Castro", "Dubois", "Eze", "Fischer", "Gupta", "Haddad", "Ito", "Jensen",
  "Kowalski", "López", "Mensah", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Sato", "Tan",
  "Umar", "Varga", "Weber", "Xu", "Yılmaz", "Zhang", "Andersson", "Brennan", "Costa", "Dimitriou",
  "Nakamura", "O'Neill", "Svensson", "Müller", "García", "Nguyen", "Kim", "Singh", "Cohen", "Silva",
];
// biome-ignore format: a list of names reads best as a block
const COMPANY_WORDS = [
  "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne",
  "Soylent", "Hooli", "Vandelay", "Pied Piper", "Wonka", "Gringotts", "Oceanic", "Massive Dynamic",
  "Aperture", "Black Mesa", "Monarch",
];
const COMPANY_SUFFIX = ["Ltd", "GmbH", "Inc.", "S.A.", "BV", "Group", "Labs", "Partners", "Holdings", "Co."];
// biome-ignore format: a list of names reads best as a block
const DEPARTMENTS = [
  "IT", "Finance", "Sales", "Marketing", "Legal", "Research", "Operations", "Human Resources",
];
// biome-ignore format: a list of titles reads best as a block
const TITLES = [
  "Engineer", "Senior Engineer", "Product Manager", "Director", "Analyst", "Account Executive",
  "Designer", "Head of Operations", "Counsel", "Researcher", "VP Sales", "Controller",
];
// biome-ignore format: a list of notes reads best as a block
const NOTES = [
  "Met at the spring conference; interested in open data.",
  "Introduced by a former colleague. Prefers email to calls.",
  "Runs the local meetup, always looking for speakers.",
  "Helped with the hiring round last year.",
];

/** 200 organizations (20 names × 10 suffixes), each with up to 8 departments. */
const ORGANIZATIONS = 200;

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The i-th contact (0-based): the same every time, on every machine. */
export function contactAt(i: number): GeneratedContact {
  // Multipliers coprime with the list lengths spread neighbours across the lists.
  const givenName = at(GIVEN, i * 7);
  const familyName = at(FAMILY, Math.floor(i / GIVEN.length) * 3 + i);
  const org = (i * 37) % ORGANIZATIONS;
  const organization = `${at(COMPANY_WORDS, org)} ${at(COMPANY_SUFFIX, Math.floor(org / COMPANY_WORDS.length))}`;
  const local = `${givenName}.${familyName}`
    .normalize("NFKD")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
  const domain = `${at(COMPANY_WORDS, org).replace(/\s+/g, "").toLowerCase()}.example`;
  // Ten distinct digits per contact (the phone key is the last ten): +1 2xx xxx xxxx.
  const digits = String(2_000_000_000 + i * 7);
  return {
    uid: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    givenName,
    familyName,
    displayName: `${givenName} ${familyName}`,
    email: `${local}.${i}@${domain}`,
    phone: `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    organization,
    department: at(DEPARTMENTS, Math.floor(i / ORGANIZATIONS)),
    title: at(TITLES, i * 11),
    birthday:
      i % 3 === 0
        ? `${1950 + (i % 50)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`
        : null,
    note: i % 4 === 0 ? at(NOTES, i / 4) : null,
  };
}

/** vCard 3.0 text escaping for a property value (structured values escape ";" too). */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\n/g, "\\n");
}

export function vCardOf(c: GeneratedContact): string {
  const lines = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `UID:${c.uid}`,
    `N:${escapeText(c.familyName)};${escapeText(c.givenName)};;;`,
    `FN:${escapeText(c.displayName)}`,
    `EMAIL;TYPE=INTERNET,WORK:${c.email}`,
    `TEL;TYPE=CELL:${c.phone}`,
    `ORG:${escapeText(c.organization)};${escapeText(c.department)}`,
    `TITLE:${escapeText(c.title)}`,
  ];
  if (c.birthday) lines.push(`BDAY:${c.birthday}`);
  if (c.note) lines.push(`NOTE:${escapeText(c.note)}`);
  lines.push("END:VCARD");
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * Writes `count` contacts to `path` unless the file is there already (it is deterministic, so a
 * file of the same name is the same file). Written under a temporary name, then renamed.
 */
export async function ensureContactsFile(path: string, count: number): Promise<"cached" | "written"> {
  if (existsSync(path)) return "cached";
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let chunk = "";
  for (let i = 0; i < count; i++) {
    chunk += vCardOf(contactAt(i));
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  renameSync(partial, path);
  return "written";
}
