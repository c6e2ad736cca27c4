/** `log`, `gave`, `received`, `thank` and `ledger`: moments and the giving ledger. */
import type { Command } from "commander";
import * as input from "../../app/input.js";
import { oneOf } from "../../app/input.js";
import { balanceWith, ledgerGroups, ledgerOf, resolveLedgerSubject } from "../../app/ledger.js";
import { logInteraction, recordExchange } from "../../app/moments.js";
import { balanceJson } from "../../app/views.js";
import { resolveCounterpart, resolvePerson } from "../../app/who.js";
import type { Direction, ExchangeKind } from "../../domain/model.js";
import { GoodwillError } from "../../errors.js";
import { labelText, oneDecimal, type Paint, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";

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
      act(io, async (ctx, who: string, summaryArg: string | undefined, flags: ExchangeFlags) => {
        const kind = fixedKind ?? (flags.kind ? input.readKind(flags.kind) : "favor");
        const summary = input.readText(
          "summary",
          summaryArg ?? (fixedKind === "thanks" ? "Thank you" : undefined),
        );
        const weight = flags.weight !== undefined ? input.readWeight(flags.weight) : undefined;
        const at = flags.on ? input.readWhen("--on", flags.on, ctx.now) : ctx.now;
        const channel = flags.channel ? input.readChannel(flags.channel) : undefined;
        const initiatedBy = flags.initiated ? input.readInitiator(flags.initiated) : undefined;
        const counterpart = await resolveCounterpart(ctx, who);
        const entry = await recordExchange(ctx, counterpart, {
          direction,
          kind,
          summary,
          at,
          ...(weight !== undefined ? { weight } : {}),
          ...(channel ? { channel } : {}),
          ...(initiatedBy ? { initiatedBy } : {}),
        });
        const name =
          counterpart.kind === "person" ? counterpart.person.display_name : counterpart.department.name;
        const balance = balanceJson(await balanceWith(ctx, counterpart));
        return {
          json: {
            entry: {
              id: entry.id,
              direction: entry.direction,
              kind: entry.kind,
              weight: entry.weight,
              summary: entry.summary,
              occurredAt: entry.occurred_at,
              counterpart: {
                kind: counterpart.kind,
                id: counterpart.kind === "person" ? counterpart.person.id : counterpart.department.id,
                name,
              },
            },
            balance,
          },
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
      act(io, async (ctx, words: string[], flags: { channel?: string; on?: string; initiated?: string }) => {
        if (words.length < 2) {
          throw new GoodwillError(
            "usage",
            'Say who and what: goodwill log WHO... "SUMMARY" (e.g. goodwill log Raj "Coffee about the migration").',
          );
        }
        const summary = input.readText("summary", words.at(-1));
        const channel = flags.channel ? input.readChannel(flags.channel) : "other";
        const at = flags.on ? input.readWhen("--on", flags.on, ctx.now) : ctx.now;
        const initiatedBy = flags.initiated ? input.readInitiator(flags.initiated) : "unknown";
        const people = [];
        for (const who of words.slice(0, -1)) people.push(await resolvePerson(ctx, who));
        const moment = await logInteraction(
          ctx,
          people.map((p) => p.id),
          { summary, at, channel, initiatedBy },
        );
        const names = people.map((p) => p.display_name);
        return {
          json: {
            interaction: {
              id: moment.id,
              occurredAt: moment.occurred_at,
              channel: moment.channel,
              initiatedBy: moment.initiated_by,
              summary: moment.summary,
              participants: people.map((p) => ({ id: p.id, name: p.display_name })),
            },
          },
          human: (p) => `Logged with ${names.map((n) => p.bold(n)).join(", ")}: ${summary}.`,
        };
      }),
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
      act(io, async (ctx, subjectArg: string | undefined, flags: { by?: string }) => {
        if (flags.by !== undefined) {
          const by = oneOf("--by", flags.by, ["person", "dept", "org"] as const);
          const grouped = await ledgerGroups(ctx, by);
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
        const view = await ledgerOf(ctx, await resolveLedgerSubject(ctx, subjectArg));
        return {
          json: view,
          human: (p) => {
            const title = view.subject.kind === "everyone" ? "Everyone" : view.subject.name;
            const lines = [
              `${p.bold(title)}: ${balanceLine(view.balance, p)}, ${view.balance.entries} entries`,
            ];
            if (view.balance.label === "overdrawn")
              lines.push(
                p.yellow(
                  "You have received much more than you gave here: a chance to give back (goodwill suggest).",
                ),
              );
            if (view.entries.length > 0) {
              lines.push("");
              const rows = view.entries.map((e) => [
                p.dim(e.occurredAt.slice(0, 10)),
                e.direction === "gave" ? p.green("gave") : p.yellow("received"),
                view.subject.kind === "person" ? "" : e.counterpart.name,
                e.summary,
                p.dim(`${e.kind} ${e.weight}`),
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
