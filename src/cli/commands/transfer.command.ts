/**
 * `import` and `export`: address books, backups and mail or calendar history in (DESIGN §6, issue
 * 18), standard formats out.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { type HistorySource, historyFile, openHistoryFolder, openImportFile } from "../../app/read-file.js";
import { BODY_POLICIES, type CaptureResult } from "../../contract/capture.js";
import type { ImportResult } from "../../contract/import-result.js";
import { oneOf } from "../../contract/input.js";
import { GoodwillError } from "../../errors.js";
import { detectCaptureFormat } from "../../formats/read/mail/detect-capture-format.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { storeFailureKind } from "../../storage/store-errors.js";
import { type Paint, plural } from "../output.js";
import { act, type CliIo, type Globals } from "../runtime.js";

const IMPORT_FORMATS = ["auto", "vcard", "linkedin", "google", "outlook", "csv", "json"] as const;
const EXPORT_FORMATS = ["vcard", "csv", "json", "ics"] as const;
const PROGRESS_MIN_BYTES = 512 * 1024;
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerTransferCommands(program: Command, io: CliIo): void {
  program
    .command("import")
    .description(
      "bring contacts in from vCard, LinkedIn, Google, Outlook or CSV files, restore a JSON backup, or read your mail and calendar history (.mbox, .eml or a folder of them, .ics)",
    )
    .argument("<file>", "the file (or folder of mail) to import")
    .option(
      "--format <format>",
      "auto, vcard, linkedin, google, outlook, csv or json (default auto: detected from the content)",
      "auto",
    )
    .option(
      "--me <address>",
      "mail and calendars: an address of yours (repeat for several; remembered)",
      collect,
    )
    .option(
      "--bodies <policy>",
      "mail and calendars: keep none, a snippet (the default) or all of each body; remembered",
    )
    .action(
      act(
        io,
        async (
          service,
          path: string,
          flags: { format: string; me?: string[]; bodies?: string },
          globals: Globals,
        ) => {
          const format = oneOf("--format", flags.format, IMPORT_FORMATS);
          const history = format === "auto" ? await openHistory(path) : null;
          if (history) return importHistory(io, service, history, flags, globals);
          if (flags.me || flags.bodies)
            throw new GoodwillError(
              "invalid",
              `--me and --bodies are for mail and calendar history, and ${path} is ${format === "auto" ? "not a .mbox, .eml or .ics file" : `imported as ${format}`}.`,
            );
          const file = await openImportFile(path);
          const bar =
            !globals.json && io.stderrIsTTY && file.size >= PROGRESS_MIN_BYTES
              ? await progressBar(file.size)
              : null;
          let result: ImportResult;
          try {
            result = await service.importContacts(file, format, (bytes) => bar?.update(bytes));
          } finally {
            bar?.update(file.consumed());
            bar?.stop();
          }
          return {
            json: result,
            human: (p) => {
              const total = result.created + result.updated + result.unchanged;
              // A backup holds people and everything of theirs: its counts are records, not contacts.
              const lines = [
                result.format === "json"
                  ? `Restored ${plural(total, "record")} (people, their history and lists) from ${path} (a Goodwill backup): ${result.created} new, ${result.updated > 0 ? `${result.updated} updated, ` : ""}${result.unchanged} already here, ${result.skipped} skipped.`
                  : `Imported ${plural(total, "contact")} from ${path} (${result.format}): ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped.`,
              ];
              if (result.errors.length > 0) {
                lines.push(
                  "",
                  p.yellow(`Skipped ${plural(result.errors.length, "record")} that could not be read:`),
                );
                for (const e of result.errors.slice(0, 20))
                  lines.push(`  record ${e.record} (line ${e.line}): ${e.message}`);
                if (result.errors.length > 20)
                  lines.push(p.dim(`  … and ${result.errors.length - 20} more (--json lists them all)`));
              }
              const warnings = result.warnings ?? [];
              if (warnings.length > 0) {
                lines.push("", p.yellow(`${plural(warnings.length, "value")} left out or shortened:`));
                for (const w of warnings.slice(0, 20))
                  lines.push(`  record ${w.record} (line ${w.line}): ${w.message}`);
                if (warnings.length > 20)
                  lines.push(p.dim(`  … and ${warnings.length - 20} more (--json lists them all)`));
              }
              if (result.created > 0 && result.format !== "json") {
                lines.push(
                  p.dim(
                    "New people start as acquaintances (layer 500): no reminders until you move them closer with goodwill person edit NAME --layer 150.",
                  ),
                );
              }
              return lines.join("\n");
            },
          };
        },
      ),
    );

  program
    .command("export")
    .description("write your people and history out: vCard, CSV, a JSON backup, or an ICS calendar")
    .requiredOption(
      "--format <format>",
      "vcard, csv, json (everything, restorable) or ics (birthdays, due dates, promises)",
    )
    .option("--out <file>", "write to this file instead of standard output")
    .option("--vcard-version <version>", "3.0 (default) or 4.0", "3.0")
    .action(
      act(io, async (service, flags: { format: string; out?: string; vcardVersion: string }) => {
        const format = oneOf("--format", flags.format, EXPORT_FORMATS);
        const version = oneOf("--vcard-version", flags.vcardVersion, ["3.0", "4.0"] as const);
        const { text, count } = await service.exportData(format, { vcardVersion: version });
        if (!flags.out) {
          // The exported document is the output; with --json it comes wrapped (a backup is JSON already).
          return {
            json: format === "json" ? JSON.parse(text) : { format, count, content: text },
            raw: text,
            human: () => text,
          };
        }
        // Write beside the target and rename: a reader never sees half a file.
        const temporary = join(dirname(flags.out), `.${basename(flags.out)}.${process.pid}.tmp`);
        try {
          await writeFile(temporary, text, { mode: 0o600 });
          await rename(temporary, flags.out);
        } catch (error) {
          // Nothing half-written stays behind: the target is as it was, the temporary file gone.
          await rm(temporary, { force: true }).catch(() => {});
          if (storeFailureKind(error) === "full")
            throw new GoodwillError(
              "store_unavailable",
              `The disk is full: ${flags.out} could not be written (${(error as NodeJS.ErrnoException).code}). Free some space and try again.`,
            );
          throw error;
        }
        return {
          json: { format, file: flags.out, count },
          human: () =>
            `Wrote ${plural(count, format === "ics" ? "event" : format === "json" ? "record" : "person", format === "ics" ? "events" : format === "json" ? "records" : "people")} to ${flags.out} (${format}).`,
        };
      }),
    );
}

/** Mail or calendar history at `path` (a folder, or a file that reads as one), else null. */
async function openHistory(path: string): Promise<HistorySource | null> {
  const folder = await openHistoryFolder(path);
  if (folder) return folder;
  const file = await openImportFile(path);
  const format = detectCaptureFormat(file.head, path);
  return format ? historyFile(file, format) : null;
}

async function importHistory(
  io: CliIo,
  service: GoodwillService,
  source: HistorySource,
  flags: { me?: string[]; bodies?: string },
  globals: Globals,
) {
  const bodies = flags.bodies === undefined ? undefined : oneOf("--bodies", flags.bodies, BODY_POLICIES);
  const bar =
    !globals.json && io.stderrIsTTY && source.size >= PROGRESS_MIN_BYTES
      ? await progressBar(source.size)
      : null;
  let result: CaptureResult;
  try {
    result = await service.importHistory(source, { bodies, me: flags.me }, (bytes) => bar?.update(bytes));
  } finally {
    bar?.update(source.consumed());
    bar?.stop();
  }
  return { json: result, human: (p: Paint) => historySummary(source.path, result, p) };
}

/** How many were skipped for a reason, in words: "3 from mailing lists", "1 cancelled meeting". */
const SKIP_WORDS: Record<keyof CaptureResult["skipped"], (n: number) => string> = {
  list: (n) => `${n} from mailing lists`,
  "no-reply": (n) => `${n} from no-reply senders`,
  "auto-reply": (n) => plural(n, "automatic reply", "automatic replies"),
  cancelled: (n) => plural(n, "cancelled meeting"),
  future: (n) => `${n} still to come (logged by a later import once they happened)`,
};

/** What a history import did, in words. */
export function historySummary(path: string, result: CaptureResult, p: Paint): string {
  const noun = result.format === "ics" ? "meeting" : "message";
  const lines = [
    `Read ${plural(result.read, noun)} from ${path} (${result.format}): logged ${plural(result.logged, "moment")} with ${plural(result.people, "person", "people")} you know.`,
  ];
  const others: string[] = [];
  if (result.alreadyImported > 0) others.push(`${result.alreadyImported} already imported`);
  if (result.unmatched > 0) others.push(`${result.unmatched} with nobody you know yet`);
  for (const [reason, count] of Object.entries(result.skipped))
    if (count > 0) others.push(SKIP_WORDS[reason as keyof typeof SKIP_WORDS](count));
  if (others.length > 0) lines.push(`Not logged: ${others.join(", ")}.`);
  if (result.problems.count > 0) {
    lines.push("", p.yellow(`Skipped ${plural(result.problems.count, noun)} that could not be read:`));
    for (const problem of result.problems.first) lines.push(`  ${problem.where}: ${problem.message}`);
    if (result.problems.count > result.problems.first.length)
      lines.push(p.dim(`  … and ${result.problems.count - result.problems.first.length} more`));
  }
  const mine = result.myAddresses;
  lines.push(
    "",
    mine.source === "none"
      ? p.yellow(
          "Your own address is not known, so who wrote first is unknown: add it with --me you@example.com.",
        )
      : p.dim(
          `Your addresses (${mine.source === "inferred" ? "inferred from where the mail was delivered; --me sets them" : mine.source === "account" ? "your account's" : "saved"}): ${mine.addresses.join(", ")}.`,
        ),
  );
  if (result.suggested > 0)
    lines.push(
      `${plural(result.suggested, "suggested entry", "suggested entries")} ${result.suggested === 1 ? "waits" : "wait"} in your inbox: goodwill inbox.`,
    );
  if (result.frequent.length > 0) {
    lines.push("", "People you write to often, not yet in Goodwill:");
    for (const c of result.frequent)
      lines.push(`  ${c.name ? `${c.name} <${c.email}>` : c.email}  ${plural(c.messages, "message")}`);
  }
  lines.push(
    p.dim(
      `Body text kept: ${result.bodies} (goodwill import FILE --bodies none|snippet|all). Undo with goodwill undo.`,
    ),
  );
  return lines.join("\n");
}

async function progressBar(total: number) {
  const { default: progress } = await import("cli-progress");
  const bar = new progress.SingleBar(
    {
      format: "Importing [{bar}] {percentage}% | {value}/{total} bytes",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    progress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}
