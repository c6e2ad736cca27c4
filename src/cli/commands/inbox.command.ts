/**
 * `goodwill inbox`: the suggested entries capture found, each with why; `inbox accept|edit|dismiss
 * N…`, and `inbox people [add|dismiss N…]` for the people the user writes to often. Items keep their
 * number (see docs/decisions.md), so `accept 3` after `accept 2` still means the item shown as #3.
 */
import type { Command } from "commander";
import { becauseText, type EntryKind, type InboxEdit, type InboxItemJson } from "../../contract/inbox.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { type Paint, plural, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";

interface EditFlags {
  summary?: string;
  kind?: string;
  exchange?: string;
  person?: string;
}

function editOf(flags: EditFlags): InboxEdit {
  return {
    ...(flags.summary !== undefined ? { summary: flags.summary } : {}),
    ...(flags.kind !== undefined ? { kind: flags.kind as EntryKind } : {}),
    ...(flags.exchange !== undefined ? { exchangeKind: flags.exchange } : {}),
    ...(flags.person !== undefined ? { person: flags.person } : {}),
  };
}

function withEditOptions(command: Command): Command {
  return command
    .option("--summary <text>", "what the entry says")
    .option("--kind <kind>", "gave, received, ask or thanks")
    .option(
      "--exchange <kind>",
      "the exchange kind: intro, advice, favor, thanks, time, gift, support, referral, other",
    )
    .option("--person <who>", "whom it is with: name, email or id");
}

/** One item as a row: "#3  2026-11-02  You gave Sofía: the intro" */
function itemRow(item: InboxItemJson, p: Paint): string[] {
  return [`#${item.number}`, item.occurredAt.slice(0, 10), p.bold(item.text)];
}

/** The line under an item: why it is suggested, and the message's subject. */
function itemReason(item: InboxItemJson, p: Paint): string {
  const subject = item.subject ? ` — “${item.subject}”` : "";
  return p.dim(`      ${becauseText(item)}${subject}`);
}

async function showPeople(service: GoodwillService) {
  const result = await service.inboxPeople();
  return {
    json: result,
    human: (p: Paint) =>
      result.people.length === 0
        ? "No one new: everyone you write to often is a person in Goodwill (or was dismissed)."
        : `People you write to often\n${table(
            result.people.map((c) => [
              `${c.number}`,
              c.name ?? "",
              c.email,
              plural(c.messages, "message"),
              c.lastAt ? p.dim(`last ${c.lastAt.slice(0, 10)}`) : "",
            ]),
            { rightAlign: [0] },
          )}\n${p.dim("Add them: goodwill inbox people add N…   Hide one: goodwill inbox people dismiss N")}`,
  };
}

export function registerInboxCommands(program: Command, io: CliIo): void {
  const inbox = program
    .command("inbox")
    .description(
      "suggested entries from your mail, to accept, edit or dismiss; and people you write to often",
    )
    .action(
      act(io, async (service) => {
        const result = await service.inbox();
        return {
          json: result,
          human: (p) =>
            result.items.length === 0
              ? "The Inbox is empty: nothing suggested waits for you."
              : `${table(
                  result.items.map((i) => itemRow(i, p)),
                  { below: result.items.map((i) => itemReason(i, p)) },
                )}\n${p.dim(
                  "goodwill inbox accept N… (--need: an ask as their need) · edit N --summary … · dismiss N…",
                )}`,
        };
      }),
    );

  withEditOptions(
    inbox
      .command("accept")
      .description("record what the items suggest (after the changes given, if any)")
      .argument("<items...>", "their numbers (see goodwill inbox) or ids"),
  )
    // Not `--as promise|need`: the global --as names the account to act as.
    .option("--need", "an ask becomes their need (without it, your promise: you said yes)")
    .action(
      act(io, async (service, refs: string[], flags: EditFlags & { need?: boolean }) => {
        const done: Awaited<ReturnType<GoodwillService["acceptInboxItem"]>>[] = [];
        // One write per item, each its own undo; the first refusal stops before the rest.
        for (const ref of refs)
          done.push(
            await service.acceptInboxItem(ref, {
              ...editOf(flags),
              ...(flags.need ? { as: "need" as const } : {}),
            }),
          );
        return {
          json: { accepted: done },
          human: (p) => done.map((d) => `Recorded: ${p.bold(d.recorded.text)}`).join("\n"),
        };
      }),
    );

  withEditOptions(
    inbox
      .command("edit")
      .description("change what an item suggests, without deciding it")
      .argument("<item>", "its number or id"),
  ).action(
    act(io, async (service, ref: string, flags: EditFlags) => {
      const result = await service.editInboxItem(ref, editOf(flags));
      return {
        json: result,
        human: (p) =>
          `#${result.item.number} now says: ${p.bold(result.item.text)}\n${p.dim(`Accept it: goodwill inbox accept ${result.item.number}`)}`,
      };
    }),
  );

  inbox
    .command("dismiss")
    .description("dismiss items: they do not come back when the same mail is imported again")
    .argument("<items...>", "their numbers or ids")
    .action(
      act(io, async (service, refs: string[]) => {
        const result = await service.dismissInboxItems(refs);
        return {
          json: result,
          human: () =>
            `Dismissed ${plural(result.dismissed.length, "item")}: ${result.dismissed.map((i) => `#${i.number}`).join(", ")}.`,
        };
      }),
    );

  const people = inbox
    .command("people")
    .description("people you write to often who are not people in Goodwill yet")
    .action(act(io, async (service) => showPeople(service)));
  people
    .command("add")
    .description("make people of them: name from the display name (else the address), the address as email")
    .argument("<people...>", "their numbers (see goodwill inbox people) or addresses")
    .action(
      act(io, async (service, refs: string[]) => {
        const result = await service.addInboxPeople(refs);
        return {
          json: result,
          human: (p) =>
            `Added ${result.added.map((a) => `${p.bold(a.person.name)} <${a.email}>`).join(", ")}.\n${p.dim(result.next)}`,
        };
      }),
    );
  people
    .command("dismiss")
    .description("hide them from this list")
    .argument("<people...>", "their numbers or addresses")
    .action(
      act(io, async (service, refs: string[]) => {
        const result = await service.dismissInboxPeople(refs);
        return { json: result, human: () => `Hidden: ${result.dismissed.map((d) => d.email).join(", ")}.` };
      }),
    );
}
