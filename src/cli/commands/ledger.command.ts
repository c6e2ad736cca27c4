/** `log`, `gave`, `received`, `thank` and `ledger`: moments and the giving ledger. */
import type { Command } from "commander";
import * as input from "../../contract/input.js";
import { oneOf } from "../../contract/input.js";
import type { Direction, ExchangeKind } from "../../domain/model.js";
import { GoodwillError } from "../../errors.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { labelText, oneDecimal, type Paint, plural, shellWord, table } from "../output.js";
import { act, type CliIo, personId } from "../runtime.js";

/** A ledger subject for the service: a person by id (resolved here), or dept:/org: as typed. */
async function ledgerRef(service: GoodwillService, subject: string): Promise<string> {
  if (/^(dept|org):/i.test(subject.trim())) return subject;
  return personId(service, subject);
}

interface ExchangeFlags {
  kind?: string;
  weight?: string;
  on?: string;
  channel?: string;
  initiated?: string;
}

function balanceLine(
  b: { label: string; gave: number | null; received: number | null; ratio: number | null },
  p: Paint,
): string {
  if (b.label === "untracked") return labelText(b.label, p);
  return `${labelText(b.label, p)} (gave ${oneDecimal(b.gave)}, received ${oneDecimal(b.received)})`;
}

function exchangeCommand(
  program: Command,
  io: CliIo,
  name: string,
  direction: Direction,
  fixedKind?: ExchangeKind,
) {
  const command = program
    .command(name)
    .argument("<who>", "a person (name, email or id) or a department (dept:NAME)")
    .argument(
      fixedKind ? "[summary]" : "<summary>",
      fixedKind ? "what you thank them for" : "what it was, in a few words",
    );
  if (!fixedKind)
    command.option(
      "--kind <kind>",
      "thanks, favor, intro, advice, time, gift, support, referral or other (default favor)",
    );
  return command
    .option("--weight <weight>", "effort from 0.25 (tiny) to 8 (huge); defaults by kind")
    .option("--on <date>", "when: YYYY-MM-DD, today, yesterday, '3 days ago' (default now)")
    .option("--channel <channel>", "in_person, call, video, message, email, meeting, event, social or other")
    .option("--initiated <who>", "who reached out: me, them or unknown")
    .action(
      act(io, async (service, who: string, summaryArg: string | undefined, flags: ExchangeFlags) => {
        const summary = input.readText(
          "summary",
          summaryArg ?? (fixedKind === "thanks" ? "Thank you" : undefined),
        );
        const weight = flags.weight !== undefined ? input.readWeight(flags.weight) : undefined;
        const counterpart = await service.resolve(who);
        const recorded = await service.recordExchange(
          counterpart.kind === "person" ? { personId: counterpart.id } : { departmentId: counterpart.id },
          {
            direction,
            summary,
            ...(fixedKind ? { kind: fixedKind } : flags.kind ? { kind: flags.kind } : {}),
            ...(weight !== undefined ? { weight } : {}),
            ...(flags.on ? { occurredAt: flags.on } : {}),
            ...(flags.channel ? { channel: flags.channel } : {}),
            ...(flags.initiated ? { initiatedBy: flags.initiated } : {}),
          },
        );
        const { entry, balance } = recorded;
        const name = counterpart.name;
        const kind = entry.kind;
        return {
          json: recorded,
          human: (p) => {
            const verb =
              kind === "thanks" && direction === "gave"
                ? `Thanked ${p.bold(name)}`
                : direction === "gave"
                  ? `You gave ${p.bold(name)}`
                  : `You received from ${p.bold(name)}`;
            const what =
              kind === "thanks" && direction === "gave"
                ? ""
                : `: ${summary} (${kind}, weight ${entry.weight})`;
            return `${verb}${what}.\nBalance with ${name}: ${balanceLine(balance, p)}.`;
          },
        };
      }),
    );
}

/**
 * `log Ann Bob` with Bob Cole in the store: the last word is the summary, so Bob would be left out
 * and the moment read "Bob". A summary of one word that finds a person, or a person's whole name, is
 * taken for a forgotten summary.
 */
async function refuseNameAsSummary(service: GoodwillService, words: readonly string[]): Promise<void> {
  const last = (words.at(-1) ?? "").trim();
  const named = await service.resolve(last).catch(() => null);
  if (named?.kind !== "person") return;
  // "Bob", or the whole of a name; several words that only start one ("the team") are a summary
  if (/\s/.test(last) && named.name.toLowerCase() !== last.toLowerCase()) return;
  throw new GoodwillError(
    "usage",
    `"${last}" would be the summary, but it names ${named.name}. Say what happened as the last argument, in quotes: goodwill log ${words.map(shellWord).join(" ")} "Coffee about the migration".`,
  );
}

export function registerLedgerCommands(program: Command, io: CliIo): void {
  program
    .command("log")
    .description("log a moment of contact with one or more people")
    .argument("<who...>", "one or more people, then the summary as the last argument")
    .option(
      "--channel <channel>",
      "in_person, call, video, message, email, meeting, event, social or other (default other)",
    )
    .option("--on <date>", "when: YYYY-MM-DD, today, yesterday, '3 days ago' (default now)")
    .option("--initiated <who>", "who reached out: me, them or unknown (default unknown)")
    .action(
      act(
        io,
        async (service, words: string[], flags: { channel?: string; on?: string; initiated?: string }) => {
          if (words.length < 2) {
            throw new GoodwillError(
              "usage",
              'Say who and what: goodwill log WHO... "SUMMARY" (e.g. goodwill log Raj "Coffee about the migration").',
            );
          }
          const summary = input.readText("summary", words.at(-1));
          const people = [];
          for (const who of words.slice(0, -1)) people.push({ id: await personId(service, who) });
          await refuseNameAsSummary(service, words);
          const logged = await service.logInteraction({
            personIds: people.map((p) => p.id),
            summary,
            ...(flags.on ? { occurredAt: flags.on } : {}),
            ...(flags.channel ? { channel: flags.channel } : {}),
            ...(flags.initiated ? { initiatedBy: flags.initiated } : {}),
          });
          const names: string[] = logged.interaction.participants.map((p: { name: string }) => p.name);
          return {
            json: logged,
            human: (p) => `Logged with ${names.map((n) => p.bold(n)).join(", ")}: ${summary}.`,
          };
        },
      ),
    );

  exchangeCommand(program, io, "gave", "gave").description(
    "record something you gave: a favor, your time, a thank-you, an intro",
  );
  exchangeCommand(program, io, "received", "received").description("record something you received");
  exchangeCommand(program, io, "thank", "gave", "thanks").description(
    "record a thank-you you gave (closes a thanks owed)",
  );

  program
    .command("ledger")
    .description("the giving balance and entries: everyone, a person, dept:NAME or org:NAME")
    .argument("[subject]", "a person, dept:NAME, dept:ORG/NAME or org:NAME (default everyone)")
    .option("--by <group>", "one balance per person, dept or org instead of entries")
    .action(
      act(io, async (service, subjectArg: string | undefined, flags: { by?: string }) => {
        if (flags.by !== undefined) {
          const by = oneOf("--by", flags.by, ["person", "dept", "org"] as const);
          const grouped = await service.ledgerGroups(by);
          return {
            json: grouped,
            human: (p) => {
              if (grouped.groups.length === 0)
                return "No ledger entries yet. Record one with goodwill gave or goodwill received.";
              const rows = grouped.groups.map((g) => [
                g.subject.name +
                  ("organization" in g.subject && g.subject.organization && by === "dept"
                    ? p.dim(` (${g.subject.organization})`)
                    : ""),
                labelText(g.balance.label, p),
                oneDecimal(g.balance.gave),
                oneDecimal(g.balance.received),
                g.balance.ratio === null ? "–" : g.balance.ratio.toFixed(2),
                String(g.balance.entries),
              ]);
              return table(rows, {
                header: [
                  by === "person" ? "Person" : by === "dept" ? "Department" : "Organization",
                  "Balance",
                  "Gave",
                  "Received",
                  "Ratio",
                  "Entries",
                ],
                paint: p,
                rightAlign: [2, 3, 4, 5],
              });
            },
          };
        }
        const view = await service.ledger(subjectArg ? await ledgerRef(service, subjectArg) : undefined);
        return {
          json: view,
          human: (p) => {
            const title = view.subject.kind === "everyone" ? "Everyone" : view.subject.name;
            const lines = [
              `${p.bold(title)}: ${balanceLine(view.balance, p)}, ${plural(view.balance.entries, "entry", "entries")}`,
            ];
            if (view.balance.label === "overdrawn")
              lines.push(
                p.yellow(
                  "You have received much more than you gave here: a chance to give back (goodwill suggest).",
                ),
              );
            if (view.entries.length > 0) {
              lines.push("");
              // The last column is each entry's short id, for "goodwill ledger edit|rm ID".
              const rows = view.entries.map((e) => [
                p.dim(e.occurredAt.slice(0, 10)),
                e.direction === "gave" ? p.green("gave") : p.yellow("received"),
                view.subject.kind === "person" ? "" : e.counterpart.name,
                e.summary,
                p.dim(`${e.kind} ${e.weight}`),
                p.dim(e.id.slice(-8)),
              ]);
              lines.push(
                table(view.subject.kind === "person" ? rows.map((r) => r.filter((_, i) => i !== 2)) : rows),
              );
            }
            return lines.join("\n");
          },
        };
      }),
    );
}
