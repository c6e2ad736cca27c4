/** `init`, `person add|list|edit|rm`, `dept add`, `show`, `score`, `note`. */
import type { Command } from "commander";
import type { PersonHistoryCounts } from "../../app/person-history.js";
import * as input from "../../contract/input.js";
import { readText } from "../../contract/input.js";
import type { PersonInput } from "../../contract/person-input.js";
import { daysAgoText } from "../../domain/known-context.js";
import { LIMITS } from "../../domain/limits.js";
import { formatWorkWeek, type WeekdayName } from "../../domain/work-week.js";
import { GoodwillError } from "../../errors.js";
import type { ProfileJson } from "../../service/goodwill-service.js";
import { ago, dueText, labelText, oneDecimal, type Paint, plural, shellWord, table } from "../output.js";
import { act, type CliIo, clock, type Globals, personId, personIdOf, type Result } from "../runtime.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface PersonFlags {
  org?: string;
  dept?: string;
  title?: string;
  email?: string[];
  phone?: string[];
  tag?: string[];
  layer?: string;
  closeness?: string;
  cadence?: string;
  communal?: boolean;
  track?: boolean;
  met?: string;
  metOn?: string;
  metThrough?: string;
  birthday?: string;
  name?: string;
  nickname?: string;
  archive?: boolean;
  unarchive?: boolean;
}

function personOptions(command: Command, editing: boolean): Command {
  return command
    .option("--org <organization>", "organization they work for")
    .option("--dept <department>", "their department (in your organization unless --org says otherwise)")
    .option("--title <title>", "job title")
    .option(
      "--email <email>",
      editing ? "email (repeat for several; replaces the list)" : "email (repeat for several)",
      collect,
    )
    .option(
      "--phone <phone>",
      editing ? "phone (repeat; replaces the list)" : "phone (repeat for several)",
      collect,
    )
    .option("--tag <tag>", editing ? "tag (repeat; replaces the list)" : "tag (repeat for several)", collect)
    .option(
      "--layer <layer>",
      "Dunbar layer: 5 inner circle, 15 close, 50 active, 150 meaningful, 500 acquaintance",
    )
    .option(
      "--closeness <1-5>",
      `how close you are, 1 distant to 5 very close${editing ? "" : " (default 3)"}`,
    )
    .option("--cadence <days>", "keep in touch every N days (0: never remind)")
    .option("--communal", "family or close friends: keep no ledger numbers for them")
    .option("--met <text>", "how you met")
    .option("--met-on <date>", "when you met: YYYY-MM-DD, yesterday, '3 days ago'")
    .option("--met-through <who>", "who introduced you")
    .option("--birthday <date>", "YYYY-MM-DD, or --MM-DD without the year")
    .option("--nickname <name>", "what they go by (a name you can say them by, too)");
}

/** Reads person flags into a PersonInput, checking every value before anything is written. */
function personInput(flags: PersonFlags, now: number): PersonInput {
  return {
    ...(flags.name !== undefined ? { name: input.readText("name", flags.name, LIMITS.name) } : {}),
    // Only invisible characters (a zero-width space) are no nickname, as they are no name.
    ...(flags.nickname !== undefined
      ? { nickname: flags.nickname.replace(/[\p{Cf}\p{Cc}\s]/gu, "") === "" ? null : flags.nickname.trim() }
      : {}),
    ...(flags.archive ? { archived: true } : {}),
    ...(flags.unarchive ? { archived: false } : {}),
    ...(flags.org !== undefined ? { organization: flags.org.trim() || null } : {}),
    ...(flags.dept !== undefined ? { department: flags.dept.trim() || null } : {}),
    ...(flags.title !== undefined ? { title: flags.title.trim() || null } : {}),
    ...(flags.email ? { emails: flags.email.map(input.readEmail) } : {}),
    ...(flags.phone ? { phones: flags.phone.map(input.readPhone) } : {}),
    ...(flags.tag ? { tags: flags.tag.map((t) => input.readText("tag", t, LIMITS.tag)) } : {}),
    ...(flags.layer !== undefined ? { layer: input.readLayer(flags.layer) } : {}),
    ...(flags.closeness !== undefined ? { closeness: input.readCloseness(flags.closeness) } : {}),
    ...(flags.cadence !== undefined ? { cadenceDays: input.readCadence(flags.cadence) } : {}),
    ...(flags.communal ? { ledgerMode: "communal" as const } : {}),
    ...(flags.track ? { ledgerMode: "track" as const } : {}),
    ...(flags.met !== undefined ? { metText: flags.met.trim() || null } : {}),
    ...(flags.metOn !== undefined
      ? { metOn: input.readDay("--met-on", flags.metOn, now, { future: false }) }
      : {}),
    ...(flags.metThrough !== undefined ? { metThrough: flags.metThrough } : {}),
    ...(flags.birthday !== undefined
      ? { birthday: input.readPartialDate("--birthday", flags.birthday) }
      : {}),
  };
}

function where(p: { organization: string | null; department: string | null; title: string | null }): string {
  const place = [p.department, p.organization].filter(Boolean).join(", ");
  return [p.title, place].filter(Boolean).join(" · ");
}

/** What a second `init` changed, and that `goodwill undo` puts it back. */
function profileChange(before: ProfileJson, after: ProfileJson, p: Paint): string {
  const fields = ["name", "organization", "department"] as const;
  const changed = fields.filter((field) => before[field] !== after[field]);
  if (changed.length === 0) return "";
  const was = changed.map((field) => `${field} ${before[field] ?? "none"}`).join(", ");
  return `\nChanged from: ${was}. ${p.cyan("goodwill undo")} puts it back.`;
}

export function registerPeopleCommands(program: Command, io: CliIo): void {
  program
    .command("init")
    .description("set up your profile: your name, organization and department")
    .option("--name <name>", "your name (needed the first time; absent: as it was)")
    .option(
      "--org <organization>",
      'your organization: people there are your colleagues (absent: as it was; "" for none)',
    )
    .option("--dept <department>", 'your department (absent: as it was; "" for none)')
    .option(
      "--work-week <days>",
      "the days you work, e.g. mon-fri (the default) or sun-thu: work contacts get these",
    )
    .option("--time-zone <zone>", "your time zone, e.g. Europe/Berlin (default UTC): today is the day there")
    .action(
      act(
        io,
        async (
          service,
          flags: { name?: string; org?: string; dept?: string; workWeek?: string; timeZone?: string },
        ) => {
          const { profile: before } = await service.profile();
          const name = flags.name ?? before.name;
          if (name === null)
            throw new GoodwillError(
              "usage",
              'Say your name the first time: goodwill init --name "Your Name".',
            );
          const { profile } = await service.init({
            name,
            ...(flags.org === undefined ? {} : { organization: flags.org }),
            ...(flags.dept === undefined ? {} : { department: flags.dept }),
            ...(flags.workWeek === undefined ? {} : { workWeek: flags.workWeek }),
            ...(flags.timeZone === undefined ? {} : { timeZone: flags.timeZone }),
          });
          return {
            json: { profile },
            human: (p) =>
              `Hello ${p.bold(profile.name ?? "")}.` +
              (profile.organization
                ? ` People at ${profile.organization} are your colleagues${profile.department ? `; you work in ${profile.department}` : ""}.`
                : " Add --org to tell colleagues from outside contacts.") +
              `\nYou work ${formatWorkWeek(profile.workWeek as WeekdayName[])}, time zone ${profile.timeZone}: work contacts are reached on those days (--work-week, --time-zone).` +
              (before.name === null
                ? `\nNext: add someone with ${p.cyan('goodwill person add "Name" --dept IT')}, or try ${p.cyan("goodwill demo")} on a fresh store.`
                : profileChange(before, profile, p)),
          };
        },
      ),
    );

  const person = program.command("person").description("add, list, edit, merge and remove people");

  personOptions(person.command("add").description("add a person").argument("<name>", "their name"), false)
    .option("--new", "add them even if someone already has this name, email or phone")
    .action(
      act(io, async (service, name: string, flags: PersonFlags & { new?: boolean }) => {
        const added = await service.addPerson({
          ...personInput(flags, clock(io.env)),
          name: readText("name", name, LIMITS.name),
          allowDuplicate: flags.new ?? false,
        });
        return {
          json: added,
          human: (p) => {
            const place = where(added);
            return `Added ${p.bold(added.name)}${place ? ` (${place})` : ""}, layer ${added.layer}${added.ledgerMode === "communal" ? ", communal: no ledger numbers" : ""}.`;
          },
        };
      }),
    );

  person
    .command("list")
    .description("list people, with their due status and giving balance")
    .option("--org <organization>", "only people of this organization")
    .option("--dept <department>", "only people of this department")
    .option("--tag <tag>", "only people with this tag")
    .option("--due", "only people due for attention, most pressing first")
    .action(
      act(io, async (service, flags: { org?: string; dept?: string; tag?: string; due?: boolean }) => {
        const listed = await service.listPeople({
          ...(flags.org ? { organization: flags.org } : {}),
          ...(flags.dept ? { department: flags.dept } : {}),
          ...(flags.tag ? { tag: flags.tag } : {}),
          due: flags.due ?? false,
        });
        return {
          json: { people: listed.people },
          human: (p, now) => {
            if (listed.people.length === 0)
              return flags.due
                ? "Nobody is due. Well kept."
                : 'No people yet. Add one with goodwill person add "Name".';
            // biome-ignore lint/suspicious/noExplicitAny: rows of the people list document
            const rows = listed.people.map((item: any) => [
              item.person.name,
              [item.person.department, item.person.organization].filter(Boolean).join(", "),
              dueText(item.due.status, p),
              labelText(item.balance.label, p),
              item.lastContactAt ? ago(item.lastContactAt, now) : p.dim("never"),
            ]);
            return `${table(rows, { header: ["Name", "Where", "Due", "Balance", "Last contact"], paint: p })}\n${p.dim(plural(listed.people.length, "person", "people"))}`;
          },
        };
      }),
    );

  personOptions(
    person
      .command("edit")
      .description("change what you know about a person")
      .argument("<who>", "name, email or id"),
    true,
  )
    .option("--name <name>", "new name")
    .option("--track", "keep the ledger for them again (undo --communal)")
    .option("--archive", "keep them out of lists, lookups and Today; their history stays")
    .option("--unarchive", "bring an archived person back")
    .action(
      act(io, async (service, who: string, flags: PersonFlags) => {
        if (flags.archive && flags.unarchive)
          throw new GoodwillError("usage", "Say --archive or --unarchive, not both.");
        const changes = personInput(flags, clock(io.env));
        const id = (await service.resolve(who)).id;
        // a list given replaces the one kept: what it took out is said
        const before = await service.getPerson(id);
        const edited = await service.editPerson(id, changes);
        const gone = (["emails", "phones", "tags"] as const).map((list) => ({
          list,
          values: before[list].filter((value) => !edited[list].includes(value)),
        }));
        const count = gone.reduce((sum, g) => sum + g.values.length, 0);
        const removed = gone
          .filter((g) => g.values.length > 0)
          .map((g) => `${g.values.length === 1 ? g.list.slice(0, -1) : g.list} ${g.values.join(", ")}`);
        return {
          json: edited,
          human: (p) =>
            (flags.archive
              ? `Archived ${p.bold(edited.name)}: out of lists, lookups and Today, history kept. To bring them back: goodwill person edit ${edited.id} --unarchive`
              : flags.unarchive
                ? `${p.bold(edited.name)} is back in your people.`
                : `Updated ${p.bold(edited.name)}.`) +
            (removed.length === 0
              ? ""
              : ` The list given replaced the one kept: no longer ${removed.join("; ")} (goodwill undo brings ${count === 1 ? "it" : "them"} back).`),
        };
      }),
    );

  person
    .command("merge")
    .description(
      "merge two records of one person: WHO's history and details move into INTO, then WHO is removed",
    )
    .argument("<who>", "the duplicate (name, email or id)")
    .argument("<into>", "the person to keep")
    .option("--yes", "merge without asking (needed when not on a terminal)")
    .action(
      act(io, async (service, who: string, into: string, flags: { yes?: boolean }, globals: Globals) => {
        const from = await personId(service, who);
        const kept = await personId(service, into);
        const { person, history } = await service.personHistory(from);
        if (from === kept)
          throw new GoodwillError("invalid", `${person.name} cannot be merged into themselves.`);
        const keptName = (await service.getPerson(kept)).name;
        const agreed = await confirm(io, flags, globals, {
          said: `Merging ${person.name} into ${keptName}: ${movesOver(history)} move over, then ${person.name} is removed.`,
          question: `Merge ${person.name} into ${keptName}?`,
          retry: `goodwill person merge ${shellWord(who)} ${shellWord(into)} --yes`,
          details: { person, into: { id: kept, name: keptName }, history },
        });
        if (!agreed) return declined(`Nothing merged; ${person.name} and ${keptName} stay apart.`);
        const merged = await service.mergePeople(from, kept);
        return {
          json: merged,
          human: (p) =>
            `Merged ${merged.merged.name} into ${p.bold(merged.into.name)}: ${movesOver(history)} moved over. ${p.dim("(goodwill undo separates them again)")}`,
        };
      }),
    );

  person
    .command("rm")
    .description("remove a person and their whole history")
    .argument("<who>", "name, email or id")
    .option("--yes", "remove without asking (needed when not on a terminal)")
    .action(
      act(io, async (service, who: string, flags: { yes?: boolean }, globals: Globals) => {
        const { person, history } = await service.personHistory(await personId(service, who));
        const agreed = await confirm(io, flags, globals, {
          said: `${person.name}: ${historyText(history)}.`,
          question: `Remove ${person.name} and all of this?`,
          retry: `goodwill person rm ${shellWord(who)} --yes`,
          details: { person, history },
        });
        if (!agreed) return declined(`Nothing removed; ${person.name} stays.`);
        const { removed } = await service.removePerson(person.id);
        return {
          json: { removed },
          human: (p) =>
            `Removed ${p.bold(removed.name)} and their history (${historyText(history)}). ${p.dim("(goodwill undo brings them back)")}`,
        };
      }),
    );

  program
    .command("dept")
    .description("departments of an organization")
    .command("add")
    .description(
      "add a department (of your organization unless --org), so gaps show before you know anyone there",
    )
    .argument("<name>", "department name")
    .option("--org <organization>", "the organization it belongs to")
    .action(
      act(io, async (service, name: string, flags: { org?: string }) => {
        const { department } = await service.addDepartment(name, flags.org);
        return {
          json: { department },
          human: (p) => `Added the department ${p.bold(department.name)} at ${department.organization}.`,
        };
      }),
    );

  program
    .command("show")
    .description("one person: profile, balance, strength, due status, open loops and timeline")
    .argument("<who>", "name, email or id")
    .option("--all", "the whole timeline, not only the 30 newest items")
    .action(
      act(io, async (service, who: string, flags: { all?: boolean }) => {
        const id = await personId(service, who);
        const shown = await service.show(id);
        if (flags.all) {
          // the older pages, each starting where the one before ended
          let before = shown.timelineNext;
          while (before !== null) {
            const page = await service.timeline(id, { before, limit: 200 });
            shown.timeline.push(...page.items);
            before = page.next;
          }
          shown.timelineNext = null;
        }
        return { json: shown, human: (p, now) => renderShow(shown, p, now, who) };
      }),
    );

  program
    .command("score")
    .description("relationship strength 0–100, with what makes it up")
    .argument("<who>", "name, email or id")
    .action(
      act(io, async (service, who: string) => {
        const scored = await service.score(await personId(service, who));
        return {
          json: scored,
          human: (p) =>
            `Strength with ${p.bold(scored.person.name)}: ${p.bold(String(scored.strength.score))} of 100\n` +
            scored.strength.explanation.map((line: string) => `  ${line}`).join("\n"),
        };
      }),
    );

  program
    .command("note")
    .description("keep a note on a person (searchable)")
    .argument("<who>", "name, email or id")
    .argument("<text>", "the note")
    .action(
      act(io, async (service, who: string, text: string) => {
        const body = readText("note", text, LIMITS.note);
        const target = await service.resolve(who);
        const noted = await service.addNote(await personIdOf(target, who), body);
        return { json: noted, human: () => `Noted on ${target.name}.` };
      }),
    );
}

const HISTORY: [keyof PersonHistoryCounts, string, string][] = [
  ["ledgerEntries", "ledger entry", "ledger entries"],
  ["moments", "moment", "moments"],
  ["notes", "note", "notes"],
  ["asks", "ask", "asks"],
  ["promises", "promise", "promises"],
  ["needs", "need", "needs"],
  ["offers", "offer", "offers"],
  ["introductions", "introduction", "introductions"],
];

/** "14 ledger entries, 6 moments, 1 note", or "no history yet": only what there is. */
export function historyText(counts: PersonHistoryCounts): string {
  const parts = HISTORY.filter(([key]) => counts[key] > 0).map(([key, one, many]) =>
    plural(counts[key], one, many),
  );
  return parts.length > 0 ? parts.join(", ") : "no history yet";
}

function movesOver(counts: PersonHistoryCounts): string {
  const text = historyText(counts);
  return text === "no history yet" ? "their contact details" : `${text} and their contact details`;
}

/**
 * A destructive command goes ahead with --yes; on a terminal it says what will go and asks (y/N);
 * otherwise (a script, a pipe, --json) it changes nothing and exits 2, saying what would go.
 */
async function confirm(
  io: CliIo,
  flags: { yes?: boolean },
  globals: Globals,
  what: { said: string; question: string; retry: string; details: unknown },
): Promise<boolean> {
  if (flags.yes) return true;
  if (!io.stdinIsTTY || !io.prompt || globals.json) {
    throw new GoodwillError(
      "usage",
      `${what.said} Nothing was changed: add --yes to go ahead (${what.retry}).`,
      what.details,
    );
  }
  io.err(`${what.said}\n`);
  const answer = await io.prompt(`${what.question} [y/N] `);
  return /^\s*y(es)?\s*$/i.test(answer);
}

function declined(message: string): Result {
  return { json: { changed: false }, human: () => message };
}

/** The person a WHO names; a department is not a person. */
type Shown = Awaited<ReturnType<typeof import("../../app/person-page.js").showPerson>>;

function renderShow(s: Shown, p: Paint, now: number, who: string): string {
  const lines: string[] = [];
  const person = s.person;
  lines.push(p.bold(person.name) + (person.nickname ? ` (${person.nickname})` : ""));
  const place = where(person);
  if (place) lines.push(place + (person.isColleague ? p.dim("  colleague") : ""));
  const contact = [...person.emails, ...person.phones].join(" · ");
  if (contact) lines.push(contact);
  if (person.tags.length) lines.push(p.dim(`tags: ${person.tags.join(", ")}`));
  if (person.birthday) lines.push(p.dim(`birthday: ${person.birthday}`));
  if (person.met.text || person.met.on)
    lines.push(p.dim(`met: ${[person.met.text, person.met.on].filter(Boolean).join(", ")}`));
  lines.push("");
  const b = s.balance;
  lines.push(
    b.label === "untracked"
      ? `Balance   ${labelText(b.label, p)} ${p.dim("(communal: no numbers kept)")}`
      : `Balance   ${labelText(b.label, p)}  gave ${oneDecimal(b.gave)} · received ${oneDecimal(b.received)} · ratio ${b.ratio?.toFixed(2)}`,
  );
  lines.push(
    `Strength  ${p.bold(String(s.strength.score))}/100  ${p.dim(`recency ${s.strength.parts.recency} · frequency ${s.strength.parts.frequency} · depth ${s.strength.parts.depth} · reciprocity ${s.strength.parts.reciprocity}`)}`,
  );
  const d = s.due;
  lines.push(
    `Due       ${dueText(d.status, p)}` +
      (d.cadenceDays
        ? `  every ${Math.round(d.cadenceDays) === 1 ? "day" : plural(Math.round(d.cadenceDays), "day")}`
        : "") +
      (d.daysSinceContact !== null
        ? `, last contact ${daysAgoText(d.daysSinceContact)}`
        : ", no contact yet"),
  );
  if (s.thanksOwedText) lines.push(p.yellow(s.thanksOwedText));
  if (s.occasion)
    lines.push(
      p.yellow(
        `${s.occasion.label} ${s.occasion.inDays === 0 ? "today" : `in ${plural(s.occasion.inDays, "day")}`}`,
      ),
    );
  if (s.openAsks.length) {
    lines.push("", p.bold("Open asks"));
    for (const a of s.openAsks) lines.push(`  #${a.number}  ${a.summary}  ${p.dim(ago(a.askedAt, now))}`);
  }
  if (s.commitments.length) {
    lines.push("", p.bold("Promises"));
    for (const c of s.commitments) {
      lines.push(
        `  #${c.number}  ${c.direction === "i_owe" ? "you" : "they"}: ${c.summary}${c.dueOn ? `  due ${c.dueOn}` : ""}${c.late ? p.red("  late") : ""}`,
      );
    }
  }
  if (s.needs.length) {
    lines.push("", p.bold("Needs"));
    for (const n of s.needs) lines.push(`  #${n.number}  ${n.text}`);
  }
  if (s.offers.length) {
    lines.push("", p.bold("Offers"));
    for (const o of s.offers) lines.push(`  #${o.number}  ${o.text}`);
  }
  if (s.timeline.length) {
    lines.push("", p.bold("Timeline"));
    const rows = s.timeline.map((t) => [
      p.dim(t.at.slice(0, 10)),
      t.type === "gave" ? p.green("gave") : t.type === "received" ? p.yellow("received") : t.type,
      t.summary,
      p.dim(t.detail ?? ""),
      // the short id "goodwill ledger|moment|note|ask|promise edit|rm" accept
      p.dim(t.id.slice(-8)),
    ]);
    lines.push(
      table(rows)
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n"),
    );
    if (s.timelineNext !== null) lines.push(p.dim(`  Older items: goodwill show ${shellWord(who)} --all`));
  }
  return lines.join("\n");
}
