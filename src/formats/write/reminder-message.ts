/**
 * A reminder note written out for each channel: plain text and HTML for email, a short title and
 * body for a push notification, a JSON document (with the text) for a webhook.
 */
import type { NoteItem, ReminderNote } from "../../contract/reminders.js";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

function itemText(item: NoteItem, bullet: string): string[] {
  const lines = [`${bullet} ${item.title}`, `  ${item.detail}`, `  Open: ${item.link}`];
  if (item.action) lines.push(`  ${item.action.label}: ${item.action.url}`);
  return lines;
}

export function noteText(note: ReminderNote, options: { unsubscribeUrl?: string } = {}): string {
  const lines: string[] = [note.intro, ""];
  note.items.forEach((item, i) => {
    lines.push(...itemText(item, `${i + 1}.`), "");
  });
  if (note.idea) lines.push("One way to help first:", ...itemText(note.idea, "-"), "");
  for (const day of note.days) {
    lines.push(day.label);
    for (const item of day.items) lines.push(...itemText(item, "-"));
    lines.push("");
  }
  lines.push(`Everything for today: ${note.todayUrl}`);
  if (options.unsubscribeUrl)
    lines.push(
      "",
      `You get this because you turned on email reminders in Goodwill. Stop them: ${options.unsubscribeUrl}`,
    );
  return `${lines.join("\n")}\n`;
}

function itemHtml(item: NoteItem): string {
  const action = item.action
    ? ` <a href="${escapeHtml(item.action.url)}" style="display:inline-block;margin-top:6px;padding:4px 10px;border:1px solid #2f6f5e;border-radius:4px;color:#2f6f5e;text-decoration:none">${escapeHtml(item.action.label)}</a>`
    : "";
  return `<li style="margin:0 0 14px"><a href="${escapeHtml(item.link)}" style="color:#1d1d1f;font-weight:600">${escapeHtml(item.title)}</a><br><span style="color:#4a4a4f">${escapeHtml(item.detail)}</span>${action ? `<br>${action}` : ""}</li>`;
}

export function noteHtml(note: ReminderNote, options: { unsubscribeUrl?: string } = {}): string {
  const parts: string[] = [`<p style="font-size:16px">${escapeHtml(note.intro)}</p>`];
  if (note.items.length)
    parts.push(`<ol style="padding-left:20px">${note.items.map(itemHtml).join("")}</ol>`);
  if (note.idea)
    parts.push(
      `<p style="margin-top:18px;font-weight:600">One way to help first</p><ul style="padding-left:20px">${itemHtml(note.idea)}</ul>`,
    );
  for (const day of note.days)
    parts.push(
      `<p style="margin-top:18px;font-weight:600">${escapeHtml(day.label)}</p><ul style="padding-left:20px">${day.items.map(itemHtml).join("")}</ul>`,
    );
  parts.push(`<p><a href="${escapeHtml(note.todayUrl)}">Everything for today in Goodwill</a></p>`);
  if (options.unsubscribeUrl)
    parts.push(
      `<p style="color:#77777c;font-size:12px;margin-top:24px">You get this because you turned on email reminders in Goodwill. <a href="${escapeHtml(options.unsubscribeUrl)}" style="color:#77777c">Stop these emails</a>.</p>`,
    );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(note.subject)}</title></head><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1d1d1f;max-width:36em">${parts.join("\n")}</body></html>\n`;
}

/** A notification: the subject as title, the items' titles as body; a tap opens Today. */
export function notePush(note: ReminderNote): { title: string; body: string; url: string; tag: string } {
  const titles =
    note.kind === "daily"
      ? note.items.map((i) => i.title)
      : note.days.flatMap((d) => d.items.map((i) => i.title));
  const shown = titles.slice(0, 3);
  const more = titles.length - shown.length;
  return {
    title: note.kind === "daily" ? "Goodwill today" : "Goodwill: your week",
    body: `${shown.join("\n")}${more > 0 ? `\n… and ${more} more` : ""}`,
    url: note.todayUrl,
    tag: `goodwill-${note.kind}-${note.date}`,
  };
}

/** The webhook's JSON document (the `text` field is what a chat bridge shows). */
export function noteWebhook(note: ReminderNote, delivery: string) {
  return {
    type: `goodwill.reminder.${note.kind}`,
    delivery,
    date: note.date,
    subject: note.subject,
    text: noteText(note),
    items: note.items,
    idea: note.idea,
    days: note.days,
    url: note.todayUrl,
  };
}
