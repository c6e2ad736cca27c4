/** `intro A B REASON`, `intro set ID MOVE [--outcome TEXT] [--good]`, `intros [--status S]`. */
import type { Command } from "commander";
import { readText } from "../../contract/input.js";
import type { IntroductionJson, NeedToSettle } from "../../contract/introduction.js";
import type { NeedJson } from "../../contract/need-offer.js";
import { tellApart } from "../../domain/call-names.js";
import { asSentence, phraseNeed } from "../../domain/need-phrasing.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { type Paint, table } from "../output.js";
import { act, type CliIo, type Globals, personId } from "../runtime.js";

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
    .option(
      "--needs <answer>",
      "with made: the needs it was made for are met (close them) or open (keep them); asked when not given",
    )
    .action(
      act(
        io,
        async (
          service,
          id: string,
          move: string,
          flags: { outcome?: string; good?: boolean; needs?: string },
          globals: Globals,
        ) => {
          const { introduction: i } = await service.moveIntroduction(id, {
            move,
            ...(flags.outcome !== undefined ? { outcome: flags.outcome } : {}),
            ...(flags.good ? { good: true } : {}),
            ...(flags.needs !== undefined ? { needs: flags.needs } : {}),
          });
          const settled =
            flags.needs === undefined ? await askAboutNeeds(io, service, globals, i.needsToSettle ?? []) : [];
          return {
            json: { introduction: i, ...(settled.length > 0 ? { needs: settled } : {}) },
            human: (p) => {
              const head = `Introduction #${i.number} (${i.a.name} and ${i.b.name}): ${statusText(i, p)}.`;
              if (i.status === "made")
                // The same words whether it was just made or its outcome came later: the gives exist once.
                return [
                  `${head}\nCounted as a give to both${i.outcomeGood ? " (a good outcome: weight 5 each)" : ""}.${i.outcome ? ` Outcome: ${i.outcome}` : ""}`,
                  ...needLines(i.needsToSettle ?? [], settled),
                ].join("\n");
              if (i.status === "agreed")
                return `${head}\nBoth said yes: connect them, then goodwill intro set ${i.number} made.`;
              return head;
            },
          };
        },
      ),
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

/** "Tim is looking for guest writers… (need #1)" */
function needSentence(n: NeedToSettle): string {
  return asSentence(phraseNeed(n.text).about(tellApart(n.person, n.by)[0])).replace(
    /\.$/,
    ` (need #${n.number}).`,
  );
}

/**
 * A made introduction may have met the needs it was made for: on a terminal, ask for each whether
 * it is met, still open, or to be reworded; elsewhere the answer says how to tell Goodwill.
 */
async function askAboutNeeds(
  io: CliIo,
  service: GoodwillService,
  globals: Globals,
  needs: NeedToSettle[],
): Promise<NeedJson[]> {
  const open = needs.filter((n) => n.status === "open");
  if (open.length === 0 || !io.stdinIsTTY || !io.prompt || globals.json) return [];
  const settled: NeedJson[] = [];
  for (const n of open) {
    io.err(`${needSentence(n)}\n`);
    const answer = await io.prompt(
      `Did meeting ${tellApart(n.person, n.by)[1]} meet it? [m]et, [k]eep it open, or [u]pdate its wording: `,
    );
    if (/^\s*m/i.test(answer))
      settled.push((await service.closeNeed(String(n.number), { status: "met", by: n.by.id })).need);
    else if (/^\s*u/i.test(answer)) {
      const text = (await io.prompt("The need now reads: ")).trim();
      if (text !== "")
        settled.push((await service.editNeed(String(n.number), readText("need", text, 500))).need);
    }
  }
  return settled;
}

function needLines(needs: NeedToSettle[], settled: NeedJson[]): string[] {
  return needs.map((n) => {
    const done = settled.find((s) => s.number === n.number);
    if (n.status === "met" || done?.status === "met")
      return `Need #${n.number} of ${n.person.name}: met by ${n.by.name}.`;
    if (done) return `Need #${n.number} of ${n.person.name} now reads: ${done.text}.`;
    return (
      `${needSentence(n)} Is it met? Close it: goodwill need done ${n.number} --by "${n.by.name}"; ` +
      `or, if it changed, update it: goodwill need edit ${n.number} TEXT.`
    );
  });
}
