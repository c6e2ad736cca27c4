/** `need`, `need edit|done|drop`, `needs`, `offer`, `offer edit|withdraw`, `offers`. */
import type { Command } from "commander";
import { readText } from "../../app/input.js";
import type { NeedJson, OfferJson } from "../../app/needs-offers.js";
import { type Paint, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";
import { personId } from "./people.command.js";

function needRow(n: NeedJson, p: Paint): string[] {
  const status =
    n.status === "open"
      ? p.yellow("open")
      : n.status === "met"
        ? p.green(n.metBy === "me" ? "met by you" : n.metBy ? `met by ${n.metBy.name}` : "met")
        : p.dim(n.status);
  return [`#${n.number}`, n.person, n.text, status];
}

function offerRow(o: OfferJson, p: Paint): string[] {
  return [`#${o.number}`, o.person, o.text, o.status === "open" ? "" : p.dim(o.status)];
}

export function registerNeedOfferCommands(program: Command, io: CliIo): void {
  const need = program
    .command("need")
    .description("note what someone needs or is working on; or edit, close or drop one")
    .argument("<who>", "name, email or id")
    .argument("<text>", 'what they need ("hiring a designer")')
    .action(
      act(io, async (service, who: string, text: string) => {
        const body = readText("need", text, 500);
        const { need: added } = await service.addNeed(await personId(service, who), body);
        return {
          json: { need: added },
          human: (p) =>
            `Need #${added.number} of ${p.bold(added.person)}: ${added.text}.\n${p.dim(`When it is met: goodwill need done ${added.number} [--by WHO|me]`)}`,
        };
      }),
    );
  need
    .command("edit")
    .description("reword a need")
    .argument("<id>", "the need's number (see goodwill needs) or id")
    .argument("<text>", "the new wording")
    .action(
      act(io, async (service, id: string, text: string) => {
        const result = await service.editNeed(id, readText("need", text, 500));
        return { json: result, human: () => `Need #${result.need.number}: ${result.need.text}.` };
      }),
    );
  need
    .command("done")
    .description('the need was met; --by says who met it ("me" records it as your give)')
    .argument("<id>", "the need's number or id")
    .option("--by <who>", 'who met it: a person, or "me"')
    .action(
      act(io, async (service, id: string, flags: { by?: string }) => {
        const by =
          flags.by === undefined
            ? undefined
            : flags.by.trim().toLowerCase() === "me"
              ? "me"
              : await personId(service, flags.by);
        const result = await service.closeNeed(id, { status: "met", ...(by ? { by } : {}) });
        const n = result.need;
        return {
          json: result,
          human: (p) =>
            n.metBy === "me"
              ? `Need #${n.number} of ${p.bold(n.person)} met by you; recorded as a give.`
              : n.metBy
                ? `Need #${n.number} of ${p.bold(n.person)} met by ${p.bold(n.metBy.name)}.`
                : `Need #${n.number} of ${p.bold(n.person)} met.`,
        };
      }),
    );
  need
    .command("drop")
    .description("the need no longer stands")
    .argument("<id>", "the need's number or id")
    .action(
      act(io, async (service, id: string) => {
        const result = await service.closeNeed(id, { status: "dropped" });
        return { json: result, human: () => `Need #${result.need.number} of ${result.need.person} dropped.` };
      }),
    );

  program
    .command("needs")
    .description("open needs of everyone, or of one person")
    .argument("[who]", "only this person's")
    .option("--all", "met and dropped ones too")
    .action(
      act(io, async (service, who: string | undefined, flags: { all?: boolean }) => {
        const { needs } = await service.listNeeds({
          ...(who ? { personId: await personId(service, who) } : {}),
          all: flags.all ?? false,
        });
        return {
          json: { needs },
          human: (p) => (needs.length === 0 ? "No open needs." : table(needs.map((n) => needRow(n, p)))),
        };
      }),
    );

  const offer = program
    .command("offer")
    .description("note what someone can help with; or edit or withdraw one")
    .argument("<who>", "name, email or id")
    .argument("<text>", 'what they offer ("knows payroll rules")')
    .action(
      act(io, async (service, who: string, text: string) => {
        const body = readText("offer", text, 500);
        const { offer: added } = await service.addOffer(await personId(service, who), body);
        return {
          json: { offer: added },
          human: (p) => `Offer #${added.number} of ${p.bold(added.person)}: ${added.text}.`,
        };
      }),
    );
  offer
    .command("edit")
    .description("reword an offer")
    .argument("<id>", "the offer's number (see goodwill offers) or id")
    .argument("<text>", "the new wording")
    .action(
      act(io, async (service, id: string, text: string) => {
        const result = await service.editOffer(id, readText("offer", text, 500));
        return { json: result, human: () => `Offer #${result.offer.number}: ${result.offer.text}.` };
      }),
    );
  offer
    .command("withdraw")
    .description("the offer no longer stands")
    .argument("<id>", "the offer's number or id")
    .action(
      act(io, async (service, id: string) => {
        const result = await service.withdrawOffer(id);
        return {
          json: result,
          human: () => `Offer #${result.offer.number} of ${result.offer.person} withdrawn.`,
        };
      }),
    );

  program
    .command("offers")
    .description("open offers of everyone, or of one person")
    .argument("[who]", "only this person's")
    .option("--all", "withdrawn ones too")
    .action(
      act(io, async (service, who: string | undefined, flags: { all?: boolean }) => {
        const { offers } = await service.listOffers({
          ...(who ? { personId: await personId(service, who) } : {}),
          all: flags.all ?? false,
        });
        return {
          json: { offers },
          human: (p) => (offers.length === 0 ? "No open offers." : table(offers.map((o) => offerRow(o, p)))),
        };
      }),
    );
}
