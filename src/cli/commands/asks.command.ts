/** `ask` (with the pre-ask check), `asks`, `ask fulfill|decline`, `promise`, `promises`, `done`. */
import type { Command } from "commander";
import type { AskJson, CommitmentJson } from "../../contract/ask.js";
import * as input from "../../contract/input.js";
import { readWeight } from "../../contract/input.js";
import type { CounterpartRef, GoodwillService } from "../../service/goodwill-service.js";
import { ago, labelText, oneDecimal, type Paint, table } from "../output.js";
import { act, type CliIo, clock } from "../runtime.js";
import { whoHint } from "../who-hint.js";

/** Whom an ask or promise is with: a person or a department, as the service names them. */
export async function counterpartRef(service: GoodwillService, who: string): Promise<CounterpartRef> {
  const found = await service.resolve(who);
  return found.kind === "person" ? { personId: found.id } : { departmentId: found.id };
}

function askRow(a: AskJson, p: Paint, now: number): string[] {
  const status =
    a.status === "open"
      ? p.yellow("open")
      : a.status === "fulfilled"
        ? p.green("fulfilled")
        : p.dim(a.status);
  return [`#${a.number}`, a.counterpart, a.summary, status, p.dim(ago(a.askedAt, now))];
}

function commitmentRow(c: CommitmentJson, p: Paint): string[] {
  return [
    `#${c.number}`,
    c.direction === "i_owe" ? "you owe" : "they owe",
    c.counterpart,
    c.summary,
    c.dueOn ? (c.late ? p.red(`due ${c.dueOn}, late`) : `due ${c.dueOn}`) : p.dim("no date"),
    c.status === "open" ? "" : p.dim(c.status),
  ];
}

export function registerAskCommands(program: Command, io: CliIo): void {
  const ask = program
    .command("ask")
    .description(
      "record a request you make, after a check of the balance (never blocks); or fulfill/decline one",
    )
    .argument("<who>", "a person (name, email or id) or a department (dept:NAME)")
    .argument("<summary>", "what you ask for")
    .option("--on <date>", "when you asked (default now)")
    .action(
      act(io, async (service, who: string, summaryArg: string, flags: { on?: string }) => {
        const summary = input.readText("summary", summaryArg);
        const result = await service.ask(await counterpartRef(service, who), {
          summary,
          ...(flags.on ? { askedAt: flags.on } : {}),
        });
        return {
          json: result,
          human: (p) => {
            const { check } = result;
            const lines: string[] = [];
            const balance = (b: typeof check.balance) =>
              b.label === "untracked"
                ? labelText(b.label, p)
                : `${labelText(b.label, p)} (gave ${oneDecimal(b.gave)}, received ${oneDecimal(b.received)})`;
            lines.push(`Balance with ${result.ask.counterpart}: ${balance(check.balance)}`);
            if (check.departmentBalance) lines.push(`Their department: ${balance(check.departmentBalance)}`);
            if (check.warning) lines.push("", p.yellow(check.warning));
            if (check.needs.length) {
              lines.push("", p.bold("What they need (a chance to help first):"));
              for (const n of check.needs) lines.push(`  • ${n.text}`);
            }
            if (check.suggestions.length) {
              lines.push("", p.bold("Ways to give first:"));
              for (const s of check.suggestions) lines.push(`  • ${s.action}`);
            }
            lines.push(
              "",
              `Recorded ask #${result.ask.number} to ${result.ask.counterpart}: ${result.ask.summary}.`,
            );
            lines.push(p.dim(`When they help: goodwill ask fulfill ${result.ask.number}`));
            return lines.join("\n");
          },
        };
      }),
    );

  ask
    .command("fulfill")
    .description("they did it: close the ask and record what you received")
    .argument("<id>", "the ask's number (see goodwill asks) or id")
    .option("--weight <weight>", "effort from 0.25 to 8 (default 2, a favor)")
    .action(
      act(io, async (service, id: string, flags: { weight?: string }) => {
        const weight = flags.weight !== undefined ? readWeight(flags.weight) : undefined;
        const result = await service.fulfillAsk(id, weight);
        const thank = await whoHint(service, {
          kind: result.ask.personId ? "person" : "department",
          id: result.ask.personId ?? result.ask.departmentId ?? "",
          name: result.ask.counterpart,
        });
        return {
          json: result,
          human: (p) =>
            `Ask #${result.ask.number} fulfilled by ${p.bold(result.ask.counterpart)}. Recorded as received; remember to thank them (goodwill thank ${thank}).`,
        };
      }),
    );

  for (const [name, status, description] of [
    ["decline", "declined", "they said no: close the ask"],
    ["withdraw", "withdrawn", "you no longer need it: close the ask"],
  ] as const) {
    ask
      .command(name)
      .description(description)
      .argument("<id>", "the ask's number or id")
      .action(
        act(io, async (service, id: string) => {
          const result = await service.closeAsk(id, status);
          return {
            json: result,
            human: () => `Ask #${result.ask.number} to ${result.ask.counterpart} ${status}.`,
          };
        }),
      );
  }

  program
    .command("asks")
    .description("the requests you made, newest first")
    .option("--open", "only the open ones")
    .action(
      act(io, async (service, flags: { open?: boolean }) => {
        const { asks } = await service.listAsks({ open: flags.open ?? false });
        return {
          json: { asks },
          human: (p, now) =>
            asks.length === 0
              ? flags.open
                ? "No open asks."
                : "No asks yet."
              : table(asks.map((a) => askRow(a, p, now))),
        };
      }),
    );

  program
    .command("promise")
    .description("record a promise you made (or, with --they, one made to you)")
    .argument("<who>", "a person or dept:NAME")
    .argument("<summary>", "what was promised")
    .option("--due <date>", "by when: YYYY-MM-DD, tomorrow, 'in 3 days' (a date that has passed works too)")
    .option("--they", "they promised it to you")
    .action(
      act(io, async (service, who: string, summaryArg: string, flags: { due?: string; they?: boolean }) => {
        const summary = input.readText("summary", summaryArg);
        const dueOn = flags.due ? input.readDay("--due", flags.due, clock(io.env), { future: true }) : null;
        const { commitment } = await service.promise(await counterpartRef(service, who), {
          summary,
          dueOn,
          direction: flags.they ? "they_owe" : "i_owe",
        });
        return {
          json: { commitment },
          human: (p) =>
            // the user's words quoted, as typed: "you will, for Jo, Send intro" read as a sentence
            `Promise #${commitment.number} ${flags.they ? "from" : "to"} ${p.bold(commitment.counterpart)}: “${summary}”${dueOn ? `, due ${dueOn}` : ""}.` +
            `\n${p.dim(`When it is done: goodwill done ${commitment.number}`)}`,
        };
      }),
    );

  program
    .command("promises")
    .description("open promises both ways, by due date")
    .option("--all", "include done and dropped ones")
    .action(
      act(io, async (service, flags: { all?: boolean }) => {
        const { commitments } = await service.listPromises({ all: flags.all ?? false });
        return {
          json: { commitments },
          human: (p) =>
            commitments.length === 0
              ? "No open promises."
              : table(commitments.map((c) => commitmentRow(c, p))),
        };
      }),
    );

  program
    .command("done")
    .description("mark a promise done (yours is recorded as a give)")
    .argument("<id>", "the promise's number (see goodwill promises) or id")
    .action(
      act(io, async (service, id: string) => {
        const { commitment } = await service.completePromise(id);
        return {
          json: { commitment },
          human: (p) =>
            commitment.direction === "i_owe"
              ? `Done: ${commitment.summary}. Kept your word to ${p.bold(commitment.counterpart)}, recorded as a give.`
              : `Done: ${p.bold(commitment.counterpart)} kept their promise (${commitment.summary}), recorded as received.`,
        };
      }),
    );
}
