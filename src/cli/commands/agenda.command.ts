/** `today`, `suggest`, `week`, `search`: what to do next, and finding things again. */
import type { Command } from "commander";
import type { ColdEventJson } from "../../app/events.js";
import type { WeekJson } from "../../app/week.js";
import { readText } from "../../contract/input.js";
import { daysAgoText } from "../../domain/known-context.js";
import { LATE_THANKS_NOTE } from "../../domain/open-loop-texts.js";
import type { Suggestion } from "../../domain/suggestions.js";
import { formatWorkWeek, type WeekdayName } from "../../domain/work-week.js";
import { GoodwillError } from "../../errors.js";
import { dueText, labelText, type Paint, plural, shellWord } from "../output.js";
import { act, type CliIo } from "../runtime.js";

const KIND_LABEL: Record<string, string> = {
  thank: "thank",
  "follow-through": "follow through",
  occasion: "occasion",
  "help-with-need": "help",
  introduce: "introduce",
  "give-first": "give first",
  reconnect: "reconnect",
  "meet-new": "meet someone",
};

function suggestionLines(s: Suggestion, p: Paint, indent = "  "): string[] {
  return [
    `${indent}${p.cyan(KIND_LABEL[s.kind] ?? s.kind)}  ${s.action}`,
    `${indent}${" ".repeat((KIND_LABEL[s.kind] ?? s.kind).length)}  ${p.dim(s.reason)}`,
  ];
}

type Agenda = Awaited<ReturnType<typeof import("../../app/agenda.js").today>>;

/** An event whose weak ties are going cold, and the one command that gives them all a rhythm. */
function coldLines(c: ColdEventJson, p: Paint): string[] {
  return [
    `  ${p.bold(c.title)}`,
    `    → ${c.action}`,
    `    ${p.dim(c.reason)}`,
    `    ${p.cyan(`goodwill event rhythm ${shellWord(c.event.name)} --every ${c.everyDays}`)}`,
  ];
}

function renderToday(a: Agenda, p: Paint, all: boolean): string {
  const lines: string[] = [p.bold(`Today, ${a.date}`)];
  if (a.counts.people === 0) {
    lines.push(
      "",
      "Your store is empty. Begin with:",
      `  ${p.cyan('goodwill init --name "Your Name" --org "Your Company" --dept "Your Team"')}`,
      `  ${p.cyan('goodwill person add "Raj Patel" --dept IT')}`,
      `  ${p.cyan('goodwill gave Raj "Brought coffee to the help desk"')}`,
      `or load a story to look around: ${p.cyan("goodwill demo --db /tmp/goodwill-demo.db")}`,
    );
    return lines.join("\n");
  }
  const more = (shown: number, total: number) =>
    !all && total > shown ? [p.dim(`  … and ${total - shown} more (goodwill today --all)`)] : [];
  if (a.goingCold.length) {
    lines.push("", p.bold("Going cold"));
    for (const c of a.goingCold) lines.push(...coldLines(c, p));
  }
  if (a.groups.length) {
    lines.push("", p.bold("Due together, met at one event"));
    for (const g of a.groups) {
      lines.push(`  ${p.bold(g.title)}`, `    → ${g.action}`, `    ${p.dim(g.reason)}`);
    }
    lines.push(...more(a.groups.length, a.counts.groups));
  }
  if (a.due.length) {
    lines.push("", p.bold("Due for attention"));
    for (const d of a.due) {
      const since =
        d.due.daysSinceContact === null
          ? "no contact yet"
          : `last contact ${daysAgoText(d.due.daysSinceContact)}`;
      lines.push(
        `  ${p.bold(d.person?.name ?? "")}  ${dueText(d.due.status, p)}, ${since}${d.balance.label === "overdrawn" ? `, ${labelText("overdrawn", p)}` : ""}`,
      );
      if (d.suggestion) lines.push(`    → ${d.suggestion.action}`);
    }
    lines.push(...more(a.due.length, a.counts.due));
  } else if (a.groups.length === 0) {
    lines.push("", "Nobody is due for attention.");
  }
  if (a.thanksOwed.length) {
    lines.push("", p.bold("Thank-yous owed"));
    // The note once, under the first late one: under each it reads as a form letter.
    const firstLate = a.thanksOwed.find((t) => t.late);
    for (const t of a.thanksOwed) {
      lines.push(
        `  ${p.bold(t.counterpart.name)}  ${t.lastReceived ? `"${t.lastReceived.summary}"` : ""} ${p.dim(t.daysAgo === 0 ? "today" : `${plural(t.daysAgo, "day")} ago`)}`,
      );
      if (t === firstLate) lines.push(`    → ${LATE_THANKS_NOTE}`);
    }
    lines.push(...more(a.thanksOwed.length, a.counts.thanksOwed));
  }
  if (a.commitments.length) {
    lines.push("", p.bold("Promises"));
    for (const c of a.commitments) {
      lines.push(
        `  #${c.number} ${c.direction === "i_owe" ? "you owe" : `${c.counterpart} owes you`}: ${c.summary}${c.direction === "i_owe" ? ` (${c.counterpart})` : ""}  ${c.late ? p.red(`late, due ${c.dueOn}`) : p.dim(`due ${c.dueOn}`)}`,
      );
    }
    lines.push(...more(a.commitments.length, a.counts.commitments));
  }
  if (a.asks.length) {
    lines.push("", p.bold("Asks waiting 30 days or more"));
    for (const q of a.asks) {
      lines.push(`  #${q.number} ${q.counterpart}: ${q.summary}  ${p.dim(q.askedAt.slice(0, 10))}`);
      if (q.advice) lines.push(`    → ${q.advice} ${p.dim(`(goodwill ask withdraw ${q.number})`)}`);
    }
    lines.push(...more(a.asks.length, a.counts.asks));
  }
  if (a.occasions.length) {
    lines.push("", p.bold("Occasions"));
    for (const o of a.occasions) {
      lines.push(
        `  ${p.bold(o.person.name)}  ${o.label}${o.turning ? ` (${o.turning})` : ""} ${o.inDays === 0 ? "today" : o.inDays === 1 ? "tomorrow" : `in ${o.inDays} days`}`,
      );
    }
    lines.push(...more(a.occasions.length, a.counts.occasions));
  }
  if (a.suggestions.length) {
    lines.push("", p.bold("Suggestions"));
    for (const s of a.suggestions) lines.push(...suggestionLines(s, p));
    lines.push(...more(a.suggestions.length, a.counts.suggestions));
  }
  return lines.join("\n");
}

function renderWeek(week: WeekJson, p: Paint): string {
  const cold = week.goingCold.flatMap((c) => coldLines(c, p));
  if (week.total === 0) {
    // Never "all is well" while people met at an event are going cold.
    if (cold.length > 0)
      return [
        p.bold(`Nothing else to give this week, ${week.from} to ${week.to}.`),
        "",
        p.bold("Going cold"),
        ...cold,
      ].join("\n");
    return "Nothing to give this week: every relationship is in good shape.";
  }
  const days = week.sessions.length;
  const lines = [
    p.bold(
      `Your giving week, ${week.from} to ${week.to}: ${plural(week.total, "give")} on ${days === 1 ? "one day" : `${days} days`}.`,
    ),
    p.dim(
      `Overdue first, at most three a day; work contacts on your workdays (${formatWorkWeek(week.workWeek as WeekdayName[])}, goodwill init --work-week).`,
    ),
  ];
  for (const session of week.sessions) {
    const day = new Date(`${session.date}T12:00:00Z`).toLocaleDateString("en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: "UTC",
    });
    lines.push("", p.bold(`${day} (${session.date})`));
    for (const s of session.gives) {
      lines.push(`  ${p.bold(s.person.name)}${s.overdue ? `  ${p.red("overdue")}` : ""}`);
      lines.push(...suggestionLines(s, p, "    "));
    }
  }
  if (cold.length > 0) lines.push("", p.bold("Going cold"), ...cold);
  return lines.join("\n");
}

export function registerAgendaCommands(program: Command, io: CliIo): void {
  program
    .command("today")
    .description("the agenda: who is due, thanks owed, promises, occasions and what to do")
    .option("--all", "everything, not only the top seven of each section")
    .action(
      act(io, async (service, flags: { all?: boolean }) => {
        const agenda = await service.today({ all: flags.all ?? false });
        return { json: agenda, human: (p) => renderToday(agenda, p, flags.all ?? false) };
      }),
    );

  program
    .command("suggest")
    .description("ways to help first: for everyone, for one person, or for a department (dept:NAME)")
    .argument("[who]", "a person (name, email or id), or dept:NAME")
    .action(
      act(io, async (service, who: string | undefined) => {
        const target = who ? await service.resolve(who) : undefined;
        const result =
          target?.kind === "department"
            ? await service.suggestForDepartment(target.id)
            : await service.suggest(target?.id);
        const onePerson = target?.kind === "person";
        return {
          json: result,
          human: (p) => {
            if (result.suggestions.length === 0)
              return target
                ? `Nothing to suggest for ${target.name} right now.`
                : "Nothing to suggest right now.";
            const lines: string[] = [];
            let last = "";
            for (const s of result.suggestions) {
              if (!onePerson && s.person.name !== last) lines.push(p.bold(s.person.name));
              last = s.person.name;
              lines.push(...suggestionLines(s, p));
            }
            return lines.join("\n");
          },
        };
      }),
    );

  program
    .command("week")
    .description(
      "the giving week: up to seven gives on the days that suit them (work contacts on workdays, at most three a day)",
    )
    .action(
      act(io, async (service) => {
        const week = await service.week();
        return {
          json: week,
          human: (p) => renderWeek(week, p),
        };
      }),
    );

  program
    .command("search")
    .description("find people, notes, ledger entries, moments, asks and promises")
    .argument("<query...>", "words to look for (accents and case do not matter)")
    .option("--limit <n>", "how many results, the best first (1–200)", "30")
    .action(
      act(io, async (service, words: string[], flags: { limit: string }) => {
        const limit = Number(flags.limit.trim());
        if (!/^\d+$/.test(flags.limit.trim()) || limit < 1 || limit > 200)
          throw new GoodwillError(
            "invalid",
            `--limit "${flags.limit}" is not a number of results from 1 to 200.`,
          );
        const result = await service.search(readText("query", words.join(" "), 500), limit);
        return {
          json: result,
          human: (p) =>
            result.results.length === 0
              ? `Nothing found for "${result.query}".`
              : result.results
                  .map((r) => {
                    const whose =
                      r.person?.name ??
                      (r.department
                        ? `${r.department.name}${r.department.organization ? ` (${r.department.organization})` : ""}`
                        : undefined);
                    const excerpt = r.parts
                      .map((part) => (part.match ? p.yellow(part.text) : part.text))
                      .join("");
                    return `${p.dim(r.label.toLowerCase().padEnd(8))} ${p.dim((r.at?.slice(0, 10) ?? "").padEnd(10))}  ${whose ? `${p.bold(whose)}  ` : ""}${excerpt}`;
                  })
                  .join("\n") + (result.more ? `\n${p.dim(moreHint(result.results.length))}` : ""),
        };
      }),
    );
}

/** Under a list cut at `shown`: how to see more. */
function moreHint(shown: number): string {
  return shown >= 200
    ? `(the best ${shown}; add words to find the others)`
    : `(the best ${shown}; --limit ${Math.min(200, shown * 2)} shows more)`;
}
