/**
 * Fixing a mistake (issue 10): `edit` and `rm` for every kind of record (`ledger`, `moment`, `note`,
 * `promise`, `ask`, `need`, `offer`, `intro`), `undo` for the last write (or any of the last 30
 * days), and `imports` / `import undo` for whole imports. The verbs hang under the nouns the other
 * command files define, so `goodwill ledger edit ID` sits beside `goodwill ledger WHO`.
 */
import { Command } from "commander";
import type { RecordKind } from "../../contract/record-kind.js";
import type { UndoEntryJson } from "../../contract/undo-entry.js";
import { GoodwillError } from "../../errors.js";
import type { GoodwillService, RecordEdit } from "../../service/goodwill-service.js";
import { ago, type Paint, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";
import { counterpartRef } from "./asks.command.js";
import { offerOrMine } from "./needs-offers.command.js";

interface EditFlags {
  summary?: string;
  kind?: string;
  weight?: string;
  on?: string;
  direction?: string;
  who?: string;
  notes?: string;
  channel?: string;
  initiated?: string;
  due?: string;
  status?: string;
  text?: string;
  reason?: string;
  body?: string;
}

/**
 * The kinds with a noun of their own. An offer of the user's own has none: it shares `offer`'s
 * numbers, and `offer rm N` finds it when no one else's offer has that number.
 */
type NounKind = Exclude<RecordKind, "own-offer">;

/** The flags each kind's `edit` takes, in the order its help lists them. */
const EDIT_FLAGS: Record<NounKind, [flag: string, help: string][]> = {
  ledger: [
    ["--summary <text>", "what was given or received"],
    ["--kind <kind>", "thanks, favor, intro, advice, time, gift, support, referral or other"],
    ["--weight <n>", "effort, 0.25 to 8"],
    ["--on <date>", "when: YYYY-MM-DD, today, yesterday, '3 days ago'"],
    ["--direction <d>", "gave or received"],
    ["--who <who>", "with someone else: a person or dept:NAME"],
  ],
  moment: [
    ["--summary <text>", "what happened"],
    ["--notes <text>", "longer notes ('' removes them)"],
    ["--on <date>", "when: YYYY-MM-DD, today, yesterday, '3 days ago'"],
    ["--channel <channel>", "in_person, call, video, message, email, meeting, event, social or other"],
    ["--initiated <who>", "who reached out: me, them or unknown"],
    ["--who <people>", "who was there, separated by commas (replaces the list)"],
  ],
  note: [["--body <text>", "the note's new text"]],
  promise: [
    ["--summary <text>", "what was promised"],
    ["--due <date>", "by when (YYYY-MM-DD; 'none' removes it)"],
    ["--direction <d>", "mine or theirs"],
    ["--status <status>", "open or dropped (a kept promise is 'goodwill done')"],
    ["--who <who>", "with someone else: a person or dept:NAME"],
  ],
  ask: [
    ["--summary <text>", "what you asked for"],
    ["--on <date>", "when you asked"],
    ["--status <status>", "open, declined or withdrawn (fulfilled is 'goodwill ask fulfill')"],
    ["--who <who>", "asked of someone else: a person or dept:NAME"],
  ],
  need: [
    ["--text <text>", "the need's new wording"],
    ["--status <status>", "open, met or dropped"],
  ],
  offer: [
    ["--text <text>", "the offer's new wording"],
    ["--status <status>", "open or withdrawn"],
  ],
  intro: [["--reason <text>", "why the two should meet"]],
};

const NOUNS: Record<NounKind, { noun: string; ref: string; describe: string }> = {
  ledger: {
    noun: "ledger",
    ref: "ID",
    describe: "a ledger entry (its id, or the short id 'ledger' and 'show' print)",
  },
  moment: { noun: "moment", ref: "ID", describe: "a moment (its id, or the short id 'show' prints)" },
  note: { noun: "note", ref: "ID", describe: "a note (its id, or the short id 'show' prints)" },
  promise: { noun: "promise", ref: "NUMBER", describe: "a promise (#3 or 3, as 'promises' lists them)" },
  ask: { noun: "ask", ref: "NUMBER", describe: "an ask (#3 or 3, as 'asks' lists them)" },
  need: { noun: "need", ref: "NUMBER", describe: "a need (#3 or 3, as 'needs' lists them)" },
  offer: {
    noun: "offer",
    ref: "NUMBER",
    describe: "an offer, someone's or yours (#3 or 3, as 'offers' lists them)",
  },
  intro: { noun: "intro", ref: "NUMBER", describe: "an introduction (#3 or 3, as 'intros' lists them)" },
};

/** The noun's command, defined by another command file, or a new one (`moment`). */
function noun(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}

async function toEdit(service: GoodwillService, kind: NounKind, flags: EditFlags): Promise<RecordEdit> {
  const edit: RecordEdit = {};
  if (flags.summary !== undefined) edit.summary = flags.summary;
  if (flags.kind !== undefined) edit.kind = flags.kind;
  if (flags.weight !== undefined) {
    const weight = Number(flags.weight);
    if (!Number.isFinite(weight))
      throw new GoodwillError(
        "invalid",
        `--weight "${flags.weight}" is not a number; give one from 0.25 to 8.`,
      );
    edit.weight = weight;
  }
  if (flags.on !== undefined) {
    if (kind === "ask") edit.askedAt = flags.on;
    else edit.occurredAt = flags.on;
  }
  if (flags.direction !== undefined)
    edit.direction =
      kind === "promise"
        ? ({ mine: "i_owe", theirs: "they_owe" }[flags.direction] ?? flags.direction)
        : flags.direction;
  if (flags.notes !== undefined) edit.notes = flags.notes === "" ? null : flags.notes;
  if (flags.channel !== undefined) edit.channel = flags.channel;
  if (flags.initiated !== undefined) edit.initiatedBy = flags.initiated;
  if (flags.due !== undefined) edit.dueOn = flags.due === "none" ? null : flags.due;
  if (flags.status !== undefined) edit.status = flags.status;
  if (flags.text !== undefined) edit.text = flags.text;
  if (flags.reason !== undefined) edit.reason = flags.reason;
  if (flags.body !== undefined) edit.body = flags.body;
  if (flags.who !== undefined) {
    if (kind === "moment") {
      edit.personIds = [];
      for (const who of flags.who
        .split(",")
        .map((w) => w.trim())
        .filter(Boolean)) {
        const found = await service.resolve(who);
        if (found.kind !== "person")
          throw new GoodwillError("invalid", `A moment is with people, not a department (${who}).`);
        edit.personIds.push(found.id);
      }
    } else {
      edit.counterpart = await counterpartRef(service, flags.who);
    }
  }
  if (Object.keys(edit).length === 0)
    throw new GoodwillError(
      "usage",
      `Say what to change: ${EDIT_FLAGS[kind].map(([flag]) => flag.split(" ")[0]).join(", ")}.`,
    );
  return edit;
}

/** One line saying what a record now says. */
function recordLine(result: Record<string, unknown>): string {
  const record = Object.values(result)[0] as Record<string, unknown> | undefined;
  if (!record) return "";
  const text = record.summary ?? record.body ?? record.text ?? record.reason;
  return typeof text === "string" ? text : "";
}

function undoLine(e: UndoEntryJson, p: Paint, now: number): string[] {
  return [
    e.id.slice(-8),
    p.dim(ago(e.createdAt, now)),
    e.description,
    e.undoneAt ? p.dim(`undone ${ago(e.undoneAt, now)}`) : "",
  ];
}

export function registerCorrectionCommands(program: Command, io: CliIo): void {
  const descriptions: Record<NounKind, string> = {
    ledger: "",
    moment: "correct or delete a moment of contact (log one with 'goodwill log')",
    note: "",
    promise: "",
    ask: "",
    need: "",
    offer: "",
    intro: "",
  };
  for (const kind of Object.keys(NOUNS) as NounKind[]) {
    const { noun: name, ref, describe } = NOUNS[kind];
    const parent = noun(program, name, descriptions[kind]);
    // `need edit` and `offer edit` existed before (reword only); they keep their shape.
    if (!parent.commands.some((c) => c.name() === "edit")) {
      const edit = new Command("edit")
        .description(`correct ${describe}`)
        .argument(`<${ref.toLowerCase()}>`, describe);
      for (const [flag, help] of EDIT_FLAGS[kind]) edit.option(flag, help);
      edit.action(
        act(io, async (service, id: string, flags: EditFlags) => {
          const result = await service.editRecord(kind, id, await toEdit(service, kind, flags));
          return {
            json: result,
            human: (p) =>
              `Corrected: ${p.bold(recordLine(result))}. ${p.dim("(goodwill undo puts it back)")}`,
          };
        }),
      );
      parent.addCommand(edit);
    }
    parent.addCommand(
      new Command("rm")
        .description(`delete ${describe}; 'goodwill undo' brings it back`)
        .argument(`<${ref.toLowerCase()}>`, describe)
        .action(
          act(io, async (service, id: string) => {
            const result =
              kind === "offer"
                ? await offerOrMine(
                    () => service.deleteRecord("offer", id),
                    () => service.deleteRecord("own-offer", id),
                  )
                : await service.deleteRecord(kind, id);
            return {
              json: result,
              human: (p) =>
                `Deleted the ${p.bold(result.deleted.description)}. ${p.dim("(goodwill undo brings it back)")}`,
            };
          }),
        ),
    );
  }

  program
    .command("undo")
    .description("undo your last change (or the one with ID); --list shows the last 20")
    .argument("[id]", "a change's id, as 'goodwill undo --list' shows it (the last 8 characters will do)")
    .option("--list", "list the last 20 changes instead, newest first")
    .action(
      act(io, async (service, id: string | undefined, flags: { list?: boolean }) => {
        if (flags.list) {
          const { entries } = await service.listUndo({ limit: 20 });
          return {
            json: { entries },
            human: (p, now) =>
              entries.length === 0
                ? "No changes in the last 30 days."
                : `${table(entries.map((e) => undoLine(e, p, now)))}\n${p.dim("goodwill undo ID undoes one; goodwill undo the newest.")}`,
          };
        }
        const result = await service.undo(id ? await fullUndoId(service, id) : undefined);
        return { json: result, human: () => result.summary };
      }),
    );

  program
    .command("imports")
    .description("past imports of the last 30 days, newest first, with what each created and updated")
    .action(
      act(io, async (service) => {
        const { entries } = await service.listUndo({ kind: "import", limit: 50 });
        return {
          json: { imports: entries },
          human: (p) =>
            entries.length === 0
              ? "No imports in the last 30 days."
              : table(
                  entries.map((e) => [
                    e.id.slice(-8),
                    e.createdAt.slice(0, 10),
                    e.import?.file ?? "",
                    e.import?.format ?? "",
                    `${e.import?.created ?? 0} created, ${e.import?.updated ?? 0} updated`,
                    e.undoneAt ? p.dim(`undone ${e.undoneAt.slice(0, 10)}`) : "",
                  ]),
                  { header: ["id", "date", "file", "format", "people", ""], paint: p },
                ) + `\n${p.dim("goodwill import undo [ID] undoes one (the newest without an id).")}`,
        };
      }),
    );

  const importCommand = program.commands.find((c) => c.name() === "import");
  importCommand?.addCommand(
    new Command("undo")
      .description("undo an import: remove the people it created and put back what it filled in")
      .argument("[id]", "the import's id from 'goodwill imports' (default: the newest)")
      .action(
        act(io, async (service, id: string | undefined) => {
          const { entries } = await service.listUndo({ kind: "import", limit: 200 });
          const target = id
            ? entries.find((e) => e.id === id || e.id.endsWith(id))
            : entries.find((e) => e.undoneAt === null);
          if (!target)
            throw new GoodwillError(
              "not_found",
              id
                ? `No import has the id ${id}. "goodwill imports" lists them.`
                : "No import to undo in the last 30 days.",
            );
          const result = await service.undo(target.id);
          return { json: result, human: () => result.summary };
        }),
      ),
  );
}

/** A journal id from what the user typed: the whole id, or its last characters as listed. */
async function fullUndoId(service: GoodwillService, id: string): Promise<string> {
  if (id.length === 36) return id;
  const { entries } = await service.listUndo({ limit: 200 });
  const matches = entries.filter((e) => e.id.endsWith(id.toLowerCase()));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length > 1)
    throw new GoodwillError("ambiguous", `Several changes end with ${id}: give the whole id.`);
  throw new GoodwillError("not_found", `No change has the id ${id}. "goodwill undo --list" shows them.`);
}
