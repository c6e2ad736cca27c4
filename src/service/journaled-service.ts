/**
 * The local service with every write the user makes recorded in the undo journal (issue 10 §3):
 * each write method runs as one journal entry, described in words ("Gave Jordan Lee: Coffee"), so
 * `goodwill undo` and the web's Undo can revert it. Reads pass straight through.
 */
import type { AppContext } from "../app/context.js";
import { journaled, type ProfileBefore, type UndoRef } from "../app/undo.js";
import { getPerson } from "../storage/person.repository.js";
import type { GoodwillService } from "./goodwill-service.js";
import { localService } from "./local-service.js";

type Method = keyof GoodwillService;
type Args<K extends Method> = Parameters<GoodwillService[K]>;
type Result<K extends Method> = Awaited<ReturnType<GoodwillService[K]>>;
type Describe<K extends Method> = (
  result: Result<K>,
  args: Args<K>,
  tx: AppContext,
) => string | Promise<string>;

/** Text quoted after a word of a description (with its space), cut to a readable length. */
function quote(text: string, max = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return ` “${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

async function personName(tx: AppContext, id: string): Promise<string> {
  return (await getPerson(tx.db, tx.ownerId, id))?.display_name ?? "someone";
}

/** What an edited record says, for the journal: its summary, text or the people it joins. */
function editedText(result: Record<string, unknown>): string {
  const record = Object.values(result)[0] as Record<string, unknown> | undefined;
  if (!record) return "";
  const text = record.summary ?? record.body ?? record.text;
  if (typeof text === "string") return quote(text);
  const a = record.a as { name?: string } | undefined;
  const b = record.b as { name?: string } | undefined;
  return a?.name && b?.name ? ` of ${a.name} and ${b.name}` : "";
}

/** An import of history in the journal's words: moments logged, messages already there. */
function historyMeta(file: string, r: Result<"importHistory">) {
  return { file, format: r.format, created: r.logged, updated: 0, unchanged: r.alreadyImported };
}

/** A profile in a few words: "Sam Smith, Finance at Acme". */
function profileWords(p: {
  name: string | null;
  organization: string | null;
  department: string | null;
}): string {
  const place = p.organization ? `${p.department ? `${p.department} at ` : ""}${p.organization}` : null;
  const name = p.name ?? "no name";
  return place ? `${name}, ${place}` : name;
}

export interface JournalHooks {
  /** told of each write that became a journal entry, with what undoes it */
  onUndoable?(undo: UndoRef): void;
}

export function journaledService(ctx: AppContext, hooks: JournalHooks = {}): GoodwillService {
  const direct = localService(ctx);
  const write =
    <K extends Method>(name: K, describe: Describe<K>, kind: "write" | "import" = "write") =>
    async (...args: Args<K>): Promise<Result<K>> => {
      const { result, undo } = await journaled(
        ctx,
        {
          action: name,
          kind,
          describe: (r: Result<K>, tx) => describe(r, args, tx),
          ...(kind === "import"
            ? {
                pending: `Imported ${fileName((args as Args<"importContacts">)[0].path)} (stopped before the end)`,
                meta: (r: Result<K>) => {
                  const file = (args as Args<"importContacts">)[0];
                  if (name === "importHistory")
                    return historyMeta(fileName(file.path), r as Result<"importHistory">);
                  const imported = r as Result<"importContacts">;
                  return {
                    file: fileName(file.path),
                    format: imported.format,
                    created: imported.created,
                    updated: imported.updated,
                    unchanged: imported.unchanged,
                  };
                },
              }
            : {}),
        },
        // biome-ignore lint/suspicious/noExplicitAny: the method and its arguments are matched by K
        (tx) => (localService(tx)[name] as (...a: any[]) => Promise<Result<K>>)(...args),
      );
      if (undo) hooks.onUndoable?.(undo);
      return result;
    };

  return {
    ...direct,
    // The profile is not in journaled tables: its entry keeps what it was, and undo puts that back.
    async init(input) {
      const { profile: before } = await direct.profile();
      const { result, undo } = await journaled(
        ctx,
        {
          action: "init",
          // Only a change: running init to read the profile, or again with the same values, is none.
          changed: (r: Awaited<ReturnType<GoodwillService["init"]>>) =>
            JSON.stringify(r.profile) !== JSON.stringify(before),
          describe: (r: Awaited<ReturnType<GoodwillService["init"]>>) =>
            `Changed your profile (${profileWords(r.profile)})`,
          meta: (): ProfileBefore => ({ before }),
        },
        (tx) => localService(tx).init(input),
      );
      if (undo) hooks.onUndoable?.(undo);
      return result;
    },
    addPerson: write("addPerson", (r) => `Added ${r.name}`),
    editPerson: write("editPerson", (r) => `Edited ${r.name}`),
    removePerson: write("removePerson", (r) => `Deleted ${r.removed.name} and their history`),
    bulkPeople: write("bulkPeople", (r) => {
      const people = [...r.updated, ...r.deleted];
      const names = people.length <= 3 ? people.map((p) => p.name).join(", ") : `${people.length} people`;
      return `${r.deleted.length ? "Deleted" : "Changed"} ${names}: ${r.done}`;
    }),
    mergePeople: write("mergePeople", (r) => `Merged ${r.merged.name} into ${r.into.name}`),
    addDepartment: write(
      "addDepartment",
      (r) => `Added the department ${r.department.name} (${r.department.organization})`,
    ),
    addNote: write(
      "addNote",
      async (r, _a, tx) => `Noted on ${await personName(tx, r.note.personId)}${quote(r.note.body)}`,
    ),
    logInteraction: write(
      "logInteraction",
      (r) =>
        `Logged a moment with ${r.interaction.participants.map((p) => p.name).join(", ")}${quote(r.interaction.summary)}`,
    ),
    recordExchange: write("recordExchange", (r) => {
      const { entry } = r;
      if (entry.direction === "gave" && entry.kind === "thanks")
        return `Thanked ${entry.counterpart.name}${quote(entry.summary)}`;
      return entry.direction === "gave"
        ? `Gave ${entry.counterpart.name}${quote(entry.summary)}`
        : `Received from ${entry.counterpart.name}${quote(entry.summary)}`;
    }),
    ask: write("ask", (r) => `Asked ${r.ask.counterpart}${quote(r.ask.summary)}`),
    fulfillAsk: write("fulfillAsk", (r) => `Marked ask #${r.ask.number} fulfilled${quote(r.ask.summary)}`),
    closeAsk: write("closeAsk", (r) => `Marked ask #${r.ask.number} ${r.ask.status}${quote(r.ask.summary)}`),
    promise: write("promise", (r) =>
      r.commitment.direction === "i_owe"
        ? `Promised ${r.commitment.counterpart}${quote(r.commitment.summary)}`
        : `Noted ${r.commitment.counterpart}'s promise${quote(r.commitment.summary)}`,
    ),
    completePromise: write("completePromise", (r) =>
      r.commitment.direction === "i_owe"
        ? `Kept promise #${r.commitment.number}${quote(r.commitment.summary)}`
        : `Marked ${r.commitment.counterpart}'s promise #${r.commitment.number} kept${quote(r.commitment.summary)}`,
    ),
    addNeed: write("addNeed", (r) => `Noted ${r.need.person}'s need${quote(r.need.text)}`),
    editNeed: write("editNeed", (r) => `Edited need #${r.need.number}${quote(r.need.text)}`),
    closeNeed: write(
      "closeNeed",
      (r) => `Marked need #${r.need.number} ${r.need.status}${quote(r.need.text)}`,
    ),
    addOffer: write("addOffer", (r) => `Noted ${r.offer.person}'s offer${quote(r.offer.text)}`),
    editOffer: write("editOffer", (r) => `Edited offer #${r.offer.number}${quote(r.offer.text)}`),
    withdrawOffer: write("withdrawOffer", (r) => `Withdrew offer #${r.offer.number}${quote(r.offer.text)}`),
    addOwnOffer: write("addOwnOffer", (r) => `Noted your offer${quote(r.ownOffer.text)}`),
    withdrawOwnOffer: write(
      "withdrawOwnOffer",
      (r) => `Withdrew your offer #${r.ownOffer.number}${quote(r.ownOffer.text)}`,
    ),
    introduce: write(
      "introduce",
      (r) => `Proposed introducing ${r.introduction.a.name} and ${r.introduction.b.name}`,
    ),
    moveIntroduction: write(
      "moveIntroduction",
      (r) =>
        `Moved introduction #${r.introduction.number} (${r.introduction.a.name} and ${r.introduction.b.name}) to ${r.introduction.status.replace("_", " ")}`,
    ),
    editRecord: write("editRecord", async (r, [kind]) => {
      // Loaded here: edit-records brings every kind of record, which a `goodwill gave` never edits.
      const { recordNoun } = await import("../app/edit-records.js");
      return `Edited the ${recordNoun(kind)}${editedText(r)}`;
    }),
    deleteRecord: write("deleteRecord", (r) => `Deleted the ${r.deleted.description}`),
    importContacts: write(
      "importContacts",
      (r, [file]) => `Imported ${fileName(file.path)} (${r.created} created, ${r.updated} updated)`,
      "import",
    ),
    importHistory: write(
      "importHistory",
      (r, [source]) =>
        `Imported ${fileName(source.path)} (${r.logged} ${r.logged === 1 ? "moment" : "moments"}, ${r.suggested} suggested)`,
      "import",
    ),
    loadDemo: write("loadDemo", () => "Loaded the demo story"),
    editInboxItem: write("editInboxItem", (r) => `Edited Inbox item #${r.item.number}${quote(r.item.text)}`),
    acceptInboxItem: write("acceptInboxItem", (r) => `Accepted from the Inbox:${quote(r.recorded.text)}`),
    dismissInboxItems: write("dismissInboxItems", (r) =>
      r.dismissed.length === 1
        ? `Dismissed from the Inbox:${quote(r.dismissed[0]?.text ?? "")}`
        : `Dismissed ${r.dismissed.length} Inbox items`,
    ),
    addInboxPeople: write("addInboxPeople", (r) =>
      r.added.length <= 3
        ? `Added ${r.added.map((a) => a.person.name).join(", ")} from the people you write to`
        : `Added ${r.added.length} people you write to`,
    ),
    dismissInboxPeople: write(
      "dismissInboxPeople",
      (r) => `Hid ${r.dismissed.map((d) => d.email).join(", ")} from the people you write to`,
    ),
    eventRhythm: write(
      "eventRhythm",
      (r) => `Set a rhythm of ${r.everyDays} days for ${r.updated.length} people from ${r.event.name}`,
    ),
  };
}
