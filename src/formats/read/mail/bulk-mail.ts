import type { BulkReason } from "../../../contract/capture.js";

/** What the bulk check reads of a message: its headers (lower-case names) and sender. */
export interface BulkSignals {
  header: (name: string) => string | null;
  fromAddress: string | null;
  subject: string;
}

/** Local parts of the robots that write mail nobody answers. */
const NO_REPLY_LOCAL =
  /^(?:.*no[-_.]?reply.*|.*do[-_.]?not[-_.]?reply.*|notifications?|notify|alerts?|mailer[-_.]?daemon|postmaster|bounces?|automated|auto[-_.]?confirm)$/i;

/** Local parts of list servers and newsletters. */
const LIST_LOCAL =
  /^(?:owner-.+|.+-(?:owner|request|bounces?)|listserv|majordomo|mailman|newsletters?|news|digest|announce(?:ments?)?)$/i;

/** Subjects of out-of-office and other automatic replies, in the languages seen most. */
const AUTO_REPLY_SUBJECT =
  /^(?:auto(?:matic)?[- ]?(?:reply|response|antwort)|out of (?:the )?office|ooo|abwesenheitsnotiz|abwesend|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[áa]tica|autosvar)(?:\s*[:\-–(]|\s+auto|\s*$)/i;

/**
 * Why a message is not a personal one, or null: a mailing list (List-Id, List-Unsubscribe,
 * Precedence, a list server's address), an automatic reply (Auto-Submitted, X-Autoreply,
 * an out-of-office subject) or a no-reply sender.
 */
export function bulkReason({ header, fromAddress, subject }: BulkSignals): BulkReason | null {
  const local = fromAddress?.split("@")[0]?.trim() ?? "";
  const precedence = header("precedence")?.trim().toLowerCase() ?? "";
  if (
    header("list-id") !== null ||
    header("list-unsubscribe") !== null ||
    ["bulk", "list", "junk"].includes(precedence) ||
    LIST_LOCAL.test(local)
  ) {
    return "list";
  }
  const autoSubmitted = header("auto-submitted")?.trim().toLowerCase();
  if (
    (autoSubmitted !== undefined && autoSubmitted !== "" && autoSubmitted !== "no") ||
    header("x-autoreply") !== null ||
    header("x-autorespond") !== null ||
    precedence === "auto_reply" ||
    AUTO_REPLY_SUBJECT.test(subject.replace(/^\s*(?:re|aw|fwd?):\s*/i, "").trim())
  ) {
    return "auto-reply";
  }
  if (NO_REPLY_LOCAL.test(local)) return "no-reply";
  return null;
}
