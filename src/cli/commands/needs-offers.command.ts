/**
 * `need`, `need edit|done|drop`, `needs`, `offer`, `offer edit|withdraw`, `offers`. `offer me TEXT`
 * notes an offer of the user's own; it shares the offers' numbers, so `offer edit|withdraw|rm N`
 * find it when no one else's offer has that number.
 */
import type { Command } from "commander";
import { meansMe, readText } from "../../contract/input.js";
import type { NeedJson, OfferJson, OwnOfferJson } from "../../contract/need-offer.js";
import { GoodwillError } from "../../errors.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { type Paint, sentence, table } from "../output.js";
import { act, type CliIo, personId } from "../runtime.js";

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

function ownOfferRow(o: OwnOfferJson, p: Paint): string[] {
  return [`#${o.number}`, p.bold("you"), o.text, o.status === "open" ? "" : p.dim(o.status)];
}

/**
 * An offer by number, someone's or the user's own: the offers' numbers are one sequence, so the one
 * not found among other people's offers is looked for among the user's.
 */
export async function offerOrMine<A, B>(theirs: () => Promise<A>, mine: () => Promise<B>): Promise<A | B> {
  try {
    return await theirs();
  } catch (error) {
    if (!(error instanceof GoodwillError) || error.code !== "not_found") throw error;
    try {
      return await mine();
    } catch (second) {
      // Neither: the offers' own message, which names the listing that shows both.
      if (second instanceof GoodwillError && second.code === "not_found") throw error;
      throw second;
    }
  }
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
            `Need #${added.number} of ${p.bold(added.person)}: ${sentence(added.text)}\n${p.dim(`When it is met: goodwill need done ${added.number} [--by WHO|me]`)}`,
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
        return { json: result, human: () => `Need #${result.need.number}: ${sentence(result.need.text)}` };
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
    .description('note what someone can help with ("me" for yourself); or edit or withdraw one')
    .argument("<who>", 'name, email or id; "me" for an offer of your own')
    .argument("<text>", 'what they offer ("knows payroll rules"), or you ("I can review contracts")')
    .action(
      act(io, async (service, who: string, text: string) => {
        const body = readText("offer", text, 500);
        if (meansMe(who)) {
          const { ownOffer } = await service.addOwnOffer(body);
          return {
            json: { ownOffer },
            human: (p) =>
              `Your offer #${ownOffer.number}: ${sentence(ownOffer.text)}\n${p.dim("Goodwill matches it against people's open needs: see goodwill suggest.")}`,
          };
        }
        const { offer: added } = await service.addOffer(await personId(service, who), body);
        return {
          json: { offer: added },
          human: (p) => `Offer #${added.number} of ${p.bold(added.person)}: ${sentence(added.text)}`,
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
        const body = readText("offer", text, 500);
        const result = await offerOrMine(
          () => service.editOffer(id, body),
          async () => ({ ownOffer: await editOwnOffer(service, id, body) }),
        );
        const o = "offer" in result ? result.offer : result.ownOffer;
        return {
          json: result,
          human: () => `${"offer" in result ? "Offer" : "Your offer"} #${o.number}: ${sentence(o.text)}`,
        };
      }),
    );
  offer
    .command("withdraw")
    .description("the offer no longer stands")
    .argument("<id>", "the offer's number or id")
    .action(
      act(io, async (service, id: string) => {
        const result = await offerOrMine(
          () => service.withdrawOffer(id),
          () => service.withdrawOwnOffer(id),
        );
        return {
          json: result,
          human: () =>
            "offer" in result
              ? `Offer #${result.offer.number} of ${result.offer.person} withdrawn.`
              : `Your offer #${result.ownOffer.number} withdrawn: it no longer matches anyone's needs.`,
        };
      }),
    );

  program
    .command("offers")
    .description("open offers of everyone (yours first), or of one person")
    .argument("[who]", 'only this person\'s; "me" for only yours')
    .option("--all", "withdrawn ones too")
    .action(
      act(io, async (service, who: string | undefined, flags: { all?: boolean }) => {
        const all = flags.all ?? false;
        const mine = who === undefined || meansMe(who);
        const { ownOffers } = mine ? await service.listOwnOffers({ all }) : { ownOffers: [] };
        const { offers } =
          who !== undefined && meansMe(who)
            ? { offers: [] }
            : await service.listOffers({ ...(who ? { personId: await personId(service, who) } : {}), all });
        const none = who !== undefined && meansMe(who) ? "You have no open offers." : "No open offers.";
        return {
          json: mine ? { offers, ownOffers } : { offers },
          human: (p) =>
            offers.length + ownOffers.length === 0
              ? none
              : table([...ownOffers.map((o) => ownOfferRow(o, p)), ...offers.map((o) => offerRow(o, p))]),
        };
      }),
    );
}

/** Rewords one of the user's own offers through the corrections API. */
async function editOwnOffer(service: GoodwillService, ref: string, text: string): Promise<OwnOfferJson> {
  const result = (await service.editRecord("own-offer", ref, { text })) as { ownOffer: OwnOfferJson };
  return result.ownOffer;
}
