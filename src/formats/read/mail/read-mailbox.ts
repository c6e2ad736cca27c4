import type { CapturedMail, CaptureProblem } from "../../../contract/capture.js";
import { MAX_MESSAGE_BYTES, splitMbox } from "./mbox-messages.js";
import { readMessage } from "./read-message.js";

export interface ReadMailboxOptions {
  /** the largest message read; a bigger one is a problem and its bytes are skipped (default 25 MB) */
  maxMessageBytes?: number;
}

/**
 * Reads an mbox (Google Takeout, Thunderbird, Apple Mail), streamed: one message in memory at a
 * time, each a captured mail or, when it cannot be read, a problem naming where it is.
 */
export async function* readMailbox(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadMailboxOptions = {},
): AsyncGenerator<CapturedMail | CaptureProblem> {
  const cap = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  for await (const message of splitMbox(bytes, cap)) {
    const where = `message ${message.index} (byte ${message.offset})`;
    if (message.bytes === null) {
      yield {
        kind: "problem",
        where,
        message: `the message is larger than ${megabytes(cap)} (${megabytes(message.size)}); it was skipped`,
      };
      continue;
    }
    yield await readMessage(message.bytes, where, { separatorDate: message.separatorDate });
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
