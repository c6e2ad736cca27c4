/** `intro A B REASON`, `intro set ID MOVE [--outcome TEXT] [--good]`, `intros [--status S]`. */
import type { Command } from "commander";
import { readText } from "../../app/input.js";
import type { IntroductionJson } from "../../app/introductions.js";
import { type Paint, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";
import { personId } from "./people.command.js";

const STATUS_TEXT: Record<string, string> = {
  proposed: "proposed: ask both",
  a_agreed: "first side agreed",
  b_agreed: "second side agreed",
  agreed: "both agreed: connect them",
  made: "made",
  declined: "declined",
};

function statusText(i: IntroductionJson, p: Paint): string {
  const text = STATUS_TEXT[i.status] ?? i.status;
  if (i.status === "made") return p.green(i.outcomeGood ? "made, went well" : "made");
  if (i.status === "declined") return p.dim(text);
  return i.status === "agreed" ? p.yellow(text) : text;
}

function messages(i: IntroductionJson, p: Paint): string[] {
  return [
    "",
    p.bold(`To ${i.a.name}:`),
    `  ${i.messages.toA}`,
    "",
    p.bold(`To ${i.b.name}:`),
    `  ${i.messages.toB}`,
  ];
}

export function registerIntroductionCommands(program: Command, io: CliIo): void {
  const intro = program
    .command("intro")
    .description("propose introducing two people (double opt-in); or move one on with intro set")
    .argument("<a>", "the first person")
    .argument("<b>", "the second person")
    .argument("<reason>", "why they should meet")
    .action(
      act(io, async (service, a: string, b: string, reasonArg: string) => {
        const reason = readText("reason", reasonArg, 1000);
        const { introduction } = await service.introduce({
          aId: await personId(service, a),
          bId: await personId(service, b),
          reason,
        });
        return {
          json: { introduction },
          human: (p) =>
            [
              `Introduction #${introduction.number}: ${p.bold(introduction.a.name)} and ${p.bold(introduction.b.name)}. Ask each of them first; here are two messages to send:`,
              ...messages(introduction, p),
              "",
              p.dim(
                `When they answer: goodwill intro set ${introduction.number} a_agreed (${introduction.a.name}), b_agreed (${introduction.b.name}), then made.`,
              ),
            ].join("\n"),
        };
      }),
    );

  intro
    .command("set")
    .description("move an introduction on: a_agreed, b_agreed, made (after both agreed) or declined")
    .argument("<id>", "the introduction's number (see goodwill intros) or id")
    .argument("<status>", "a_agreed | b_agreed | made | declined")
    .option("--outcome <text>", "how it went (with made)")
    .option("--good", "it went well: the introduction counts as a bigger give (weight 5)")
    .action(
      act(io, async (service, id: string, move: string, flags: { outcome?: string; good?: boolean }) => {
        const { introduction: i } = await service.moveIntroduction(id, {
          move,
          ...(flags.outcome !== undefined ? { outcome: flags.outcome } : {}),
          ...(flags.good ? { good: true } : {}),
        });
        return {
          json: { introduction: i },
          human: (p) => {
            const head = `Introduction #${i.number} (${i.a.name} and ${i.b.name}): ${statusText(i, p)}.`;
            if (i.status === "made")
              // The same words whether it was just made or its outcome came later: the gives exist once.
              return `${head}\nCounted as a give to both${i.outcomeGood ? " (a good outcome: weight 5 each)" : ""}.${i.outcome ? ` Outcome: ${i.outcome}` : ""}`;
            if (i.status === "agreed")
              return `${head}\nBoth said yes: connect them, then goodwill intro set ${i.number} made.`;
            return head;
          },
        };
      }),
    );

  program
    .command("intros")
    .description("introductions by status: waiting for answers first, then made and declined")
    .option("--status <status>", "only this status: proposed, a_agreed, b_agreed, agreed, made, declined")
    .action(
      act(io, async (service, flags: { status?: string }) => {
        const { introductions } = await service.listIntroductions(
          flags.status ? { status: flags.status } : {},
        );
        return {
          json: { introductions },
          human: (p) =>
            introductions.length === 0
              ? "No introductions yet. Propose one: goodwill intro A B REASON"
              : table(
                  introductions.map((i) => [
                    `#${i.number}`,
                    `${i.a.name} ↔ ${i.b.name}`,
                    i.reason,
                    statusText(i, p),
                  ]),
                ),
        };
      }),
    );
}
