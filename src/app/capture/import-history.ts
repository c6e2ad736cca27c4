/**
 * `goodwill import` of mail and calendar history (issue 18): an mbox, .eml files or a folder of
 * them, an .ics calendar — read as a stream and handed to the capture pipeline. What the user said
 * with the import (`--bodies`, `--me`) is saved as the settings later imports use.
 */
import type { BodyPolicy, CapturedItem, CaptureProblem, CaptureResult } from "../../contract/capture.js";
import { GoodwillError } from "../../errors.js";
import { readMeetings } from "../../formats/read/ics-meetings.js";
import { MAX_MESSAGE_BYTES } from "../../formats/read/mail/mbox-messages.js";
import { readMailbox } from "../../formats/read/mail/read-mailbox.js";
import { readMessage } from "../../formats/read/mail/read-message.js";
import { decodeBytes } from "../../formats/read/text-decoding.js";
import { type AppContext, inWriteTransaction } from "../context.js";
import type { HistorySource, ImportFile } from "../read-file.js";
import { captureItems } from "./capture-items.js";
import { bodyPolicy, saveCaptureSettings } from "./capture-settings.js";

/** A calendar is parsed whole: as large as an upload may be. */
const MAX_CALENDAR_BYTES = 200 * 1024 * 1024;

export interface HistoryOptions {
  /** saved as the setting `capture:bodies` */
  bodies?: BodyPolicy | undefined;
  /** more of the user's own addresses, added to the setting `capture:my_addresses` */
  me?: readonly string[] | undefined;
  onProgress?: ((bytesRead: number) => void) | undefined;
}

/** Imports mail or calendar history; says what became of each message and meeting. */
export async function importHistory(
  ctx: AppContext,
  source: HistorySource,
  options: HistoryOptions = {},
): Promise<CaptureResult> {
  await inWriteTransaction(ctx, (tx) => saveCaptureSettings(tx, options));
  const result = await captureItems(ctx, itemsOf(source, ctx.now), {
    format: source.format,
    bodies: await bodyPolicy(ctx),
    onProgress: () => options.onProgress?.(source.consumed()),
  });
  if (result.read === 0)
    throw new GoodwillError(
      "invalid",
      `${source.path} holds no ${source.format === "ics" ? "meetings" : "messages"}, so nothing was imported.`,
    );
  if (result.problems.count === result.read) throw nothingReadable(source, result);
  return result;
}

/** Every message of the file failed: an invalid import, with the reasons, not a success of zero. */
function nothingReadable(source: HistorySource, result: CaptureResult): GoodwillError {
  const noun = source.format === "ics" ? "meeting" : "message";
  const shown = result.problems.first.map((p) => `  ${p.where}: ${p.message}`);
  if (result.problems.count > shown.length)
    shown.push(`  … and ${result.problems.count - shown.length} more`);
  const failed =
    result.read === 1
      ? `The only ${noun} in ${source.path} could not be read`
      : `None of the ${result.read} ${noun}s in ${source.path} could be read`;
  return new GoodwillError("invalid", `${failed}, so nothing was imported:\n${shown.join("\n")}`, {
    problems: result.problems.first,
  });
}

/** The messages or meetings of every file of the source, one file at a time. */
async function* itemsOf(source: HistorySource, now: number): AsyncIterable<CapturedItem | CaptureProblem> {
  for await (const file of source.files()) {
    if (source.format === "mbox") {
      yield* readMailbox(file.stream());
      continue;
    }
    // A single message or calendar is read whole, so its size is bounded.
    const max = source.format === "eml" ? MAX_MESSAGE_BYTES : MAX_CALENDAR_BYTES;
    if (file.size > max) {
      yield {
        kind: "problem",
        where: file.path,
        message: `it is ${Math.round(file.size / 1024 / 1024)} MB, larger than the ${max / 1024 / 1024} MB ${source.format === "eml" ? "a message" : "a calendar"} may be`,
      };
      continue;
    }
    const bytes = await readAll(file);
    if (source.format === "eml") yield await readMessage(bytes, file.path);
    else yield* readMeetings(decodeBytes(bytes), { until: now });
  }
}

async function readAll(file: ImportFile): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
