/** `import` and `export`: address books and backups in, standard formats out (DESIGN §6). */
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { openImportFile } from "../../app/read-file.js";
import type { ImportResult } from "../../contract/import-result.js";
import { oneOf } from "../../contract/input.js";
import { GoodwillError } from "../../errors.js";
import { storeFailureKind } from "../../storage/store-errors.js";
import { plural } from "../output.js";
import { act, type CliIo, type Globals } from "../runtime.js";

const IMPORT_FORMATS = ["auto", "vcard", "linkedin", "google", "outlook", "csv", "json"] as const;
const EXPORT_FORMATS = ["vcard", "csv", "json", "ics"] as const;
const PROGRESS_MIN_BYTES = 512 * 1024;

export function registerTransferCommands(program: Command, io: CliIo): void {
  program
    .command("import")
    .description(
      "bring contacts in from vCard, LinkedIn, Google, Outlook or CSV files, or restore a JSON backup",
    )
    .argument("<file>", "the file to import")
    .option(
      "--format <format>",
      "auto, vcard, linkedin, google, outlook, csv or json (default auto: detected from the content)",
      "auto",
    )
    .action(
      act(io, async (service, path: string, flags: { format: string }, globals: Globals) => {
        const format = oneOf("--format", flags.format, IMPORT_FORMATS);
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
            const lines = [
              `Imported ${plural(total, "contact")} from ${path} (${result.format}): ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped.`,
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
      }),
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
