/**
 * Settings → Reminders (issue 13): when the daily note and the weekly plan go out, by which channels
 * (email, this browser and others by push, a webhook), how the last sends went, and a test send.
 * Saving sends only what was changed: an SMTP address shown with its password masked is never sent
 * back, and an unsubscribed email stays unsubscribed until it is asked for again.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useId, useState } from "react";
import type {
  NoteItem,
  ReminderNote,
  ReminderSettingsInput,
  RemindersJson,
} from "../../../../src/contract/reminders.js";
import { isQuiet, parseClockTime, parseQuietHours } from "../../../../src/domain/reminder-schedule.js";
import { type RemindersDocument, reminders, type TestResult } from "../../api/client";
import { keys, useWrite } from "../../api/hooks";
import { formatDate } from "../../components/badges";
import { CopyButton } from "../../components/copy-button";
import { refusedField } from "../../components/fields";
import { FormActions } from "../../components/form-actions";
import { ErrorState, FormError, Loading, messageOf } from "../../components/states";
import { ThisDevice } from "./this-device";

const WEEKDAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
] as const;

/** "Nov 25, 09:14": when something was sent or failed. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  });
}

interface Form {
  daily: boolean;
  time: string;
  /** a weekday, or "off" */
  weeklyDay: string;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  publicUrl: string;
  email: string;
  smtpUrl: string;
  from: string;
  webhookUrl: string;
  webhookFormat: string;
}

function formOf(r: RemindersJson): Form {
  const [quietFrom = "22:00", quietTo = "07:00"] = r.quietHours === "off" ? [] : r.quietHours.split("-");
  return {
    daily: r.daily,
    time: r.time,
    weeklyDay: r.weeklyDay ?? "off",
    quiet: r.quietHours !== "off",
    quietFrom,
    quietTo,
    publicUrl: r.publicUrl ?? "",
    email: r.email?.address ?? "",
    smtpUrl: r.email?.smtpUrl ?? "",
    from: r.email?.from ?? "",
    webhookUrl: r.webhook?.url ?? "",
    webhookFormat: r.webhook?.format ?? "json",
  };
}

const quietText = (f: Form) => (f.quiet ? `${f.quietFrom}-${f.quietTo}` : "off");
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The change from what was loaded to what the form says; nothing else is sent. */
function changes(before: Form, after: Form): ReminderSettingsInput {
  const input: ReminderSettingsInput = {};
  if (after.daily !== before.daily) input.daily = after.daily;
  if (after.time !== before.time) input.time = after.time;
  if (after.weeklyDay !== before.weeklyDay) input.weeklyDay = after.weeklyDay;
  if (quietText(after) !== quietText(before)) input.quietHours = quietText(after);
  if (after.publicUrl.trim() !== before.publicUrl) input.publicUrl = orNull(after.publicUrl);
  const smtpChanged = after.smtpUrl.trim() !== before.smtpUrl;
  if (after.email.trim() !== before.email || smtpChanged || after.from.trim() !== before.from)
    input.email =
      after.email.trim() === ""
        ? null
        : {
            address: after.email.trim(),
            from: orNull(after.from),
            // the masked address ("smtps://me:•••@…") stands for the stored one: sent only when changed
            ...(smtpChanged ? { smtpUrl: orNull(after.smtpUrl) } : {}),
          };
  if (after.webhookUrl.trim() !== before.webhookUrl || after.webhookFormat !== before.webhookFormat)
    input.webhook =
      after.webhookUrl.trim() === "" ? null : { url: after.webhookUrl.trim(), format: after.webhookFormat };
  return input;
}

/** Which form field a refusal is about: the server's names, mapped onto this form's inputs. */
const FIELD_OF: Record<string, keyof Form> = {
  time: "time",
  weeklyDay: "weeklyDay",
  quietHours: "quietFrom",
  publicUrl: "publicUrl",
  email: "email",
  smtpUrl: "smtpUrl",
  from: "from",
  url: "webhookUrl",
  webhook: "webhookUrl",
  format: "webhookFormat",
};

export function RemindersCard() {
  const id = useId();
  const query = useQuery({ queryKey: keys.reminders, queryFn: reminders.get });
  return (
    <section className="card reminders" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reminders</h2>
      <p className="muted">
        A daily note with what is worth doing today, and the weekly plan, sent by email, to your browsers and
        phone, or to a webhook. On a day with nothing worth doing, nothing is sent.
      </p>
      {query.isPending ? (
        <Loading what="Reading your reminders" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : (
        <>
          <RemindersForm document={query.data} />
          <ThisDevice reminders={query.data.reminders} />
          <ChannelStates reminders={query.data.reminders} />
          <TestSend reminders={query.data.reminders} />
        </>
      )}
    </section>
  );
}

function RemindersForm({ document }: { document: RemindersDocument }) {
  const id = useId();
  const { reminders: loaded, server } = document;
  // What was loaded (or last saved), and what is being typed: saving sends the difference.
  const [before, setBefore] = useState<Form>(() => formOf(loaded));
  const [form, setForm] = useState<Form>(before);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useWrite((input: ReminderSettingsInput) => reminders.save(input), {
    onSuccess: (result) => {
      const now = formOf(result.reminders);
      setBefore(now);
      setForm(now);
      setSaved(true);
      if (result.webhookSecret) setSecret(result.webhookSecret);
    },
  });
  // A new secret is asked for apart from the form, after a question: the old one stops verifying.
  const [rotating, setRotating] = useState(false);
  const rotate = useWrite(() => reminders.save({ rotateWebhookSecret: true }), {
    onSuccess: (result) => {
      setRotating(false);
      setSecret(result.webhookSecret);
    },
  });
  const resume = useWrite(
    (address: string) => reminders.save({ email: { address } }),
    // the rest of the form stays as typed
    { onSuccess: () => setSaved(false) },
  );

  const refused = refusedField(save.error);
  const at = refused === null ? null : (FIELD_OF[refused] ?? null);
  /** An input's props; `help`: the id of the line that explains it (the error replaces it). */
  const bind = (key: keyof Form, help?: string) => ({
    id: `${id}-${key}`,
    ...(at === key
      ? { "aria-invalid": true as const, "aria-describedby": `${id}-${key}-error` }
      : help
        ? { "aria-describedby": help }
        : {}),
    value: form[key] as string,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const value = event.target.value;
      setForm((f) => ({ ...f, [key]: value }));
      setSaved(false);
    },
  });
  const errorBeside = (key: keyof Form) =>
    at === key ? (
      <p id={`${id}-${key}-error`} className="field-error" role="alert">
        {messageOf(save.error)}
      </p>
    ) : null;
  const check = (key: "daily" | "quiet") => ({
    id: `${id}-${key}`,
    checked: form[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const checked = event.target.checked;
      setForm((f) => ({ ...f, [key]: checked }));
      setSaved(false);
    },
  });

  const pending = changes(before, form);
  const unchanged = Object.keys(pending).length === 0;
  const timeInQuiet = (() => {
    try {
      const quiet = form.quiet ? parseQuietHours(quietText(form)) : null;
      return quiet && isQuiet(parseClockTime(form.time), quiet) ? form.quietTo : null;
    } catch {
      return null; // half-typed: the server says what is wrong on saving
    }
  })();
  const unsubscribedAt = loaded.email?.unsubscribedAt ?? null;
  const hasWebhook = loaded.webhook !== null;

  return (
    <form
      className="reminders-form"
      aria-label="Reminder settings"
      // the server's words, beside the field, rather than the browser's bubble on one field at a time
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate(pending);
      }}
    >
      <div className="reminder-groups">
        <fieldset>
          <legend className="group">When</legend>
          <label className="check" htmlFor={`${id}-daily`}>
            <input type="checkbox" {...check("daily")} />A daily note
          </label>
          <div className="row">
            <div>
              <label htmlFor={`${id}-time`}>At</label>
              <input type="time" required {...bind("time", `${id}-zone`)} />
              {errorBeside("time")}
            </div>
            <div>
              <label htmlFor={`${id}-weeklyDay`}>Weekly plan</label>
              <select {...bind("weeklyDay")}>
                <option value="off">No weekly plan</option>
                {WEEKDAYS.map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
                  </option>
                ))}
              </select>
              {errorBeside("weeklyDay")}
            </div>
          </div>
          <p id={`${id}-zone`} className="muted">
            Local time in {loaded.timeZone}, your profile's time zone.
          </p>
          <label className="check" htmlFor={`${id}-quiet`}>
            <input type="checkbox" {...check("quiet")} />
            Quiet hours: nothing is sent in them
          </label>
          {form.quiet && (
            <div className="pair">
              <div>
                <label htmlFor={`${id}-quietFrom`}>Quiet from</label>
                <input type="time" required {...bind("quietFrom")} />
              </div>
              <div>
                <label htmlFor={`${id}-quietTo`}>Until</label>
                <input type="time" required {...bind("quietTo")} />
              </div>
            </div>
          )}
          {errorBeside("quietFrom")}
          {timeInQuiet && (
            <p className="muted" role="status">
              {form.time} falls in the quiet hours: the note goes out when they end, at {timeInQuiet}.
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend className="group">Email</legend>
          <label htmlFor={`${id}-email`}>Send to</label>
          <input type="email" autoComplete="email" placeholder="you@example.com" {...bind("email")} />
          {errorBeside("email")}
          {unsubscribedAt && form.email.trim() === before.email && (
            <div className="confirm">
              <p>
                You stopped these emails on {formatDate(unsubscribedAt)} (the link in an email). Nothing goes
                to this address until you ask again.
              </p>
              <button
                type="button"
                className="secondary"
                disabled={resume.isPending}
                onClick={() => resume.mutate(before.email)}
              >
                Send them again
              </button>
              <FormError error={resume.error} />
            </div>
          )}
          <label htmlFor={`${id}-smtpUrl`}>Mail server (optional)</label>
          <input
            autoComplete="off"
            spellCheck={false}
            placeholder="smtps://user:password@mail.example.com:465"
            {...bind("smtpUrl", `${id}-smtp-help`)}
          />
          {errorBeside("smtpUrl")}
          <p id={`${id}-smtp-help`} className="muted">
            {server.smtp
              ? "This server has a mail server of its own: leave this empty to use it."
              : "This server has no mail server of its own: give one here, or ask whoever runs Goodwill to set GOODWILL_SMTP_URL."}{" "}
            {loaded.email?.smtpUrl
              ? "The password is never shown again; leave the address as it is to keep it."
              : ""}
          </p>
          <label htmlFor={`${id}-from`}>From (optional)</label>
          <input
            placeholder={form.email.trim() ? `Goodwill <${form.email.trim()}>` : "Goodwill <you@example.com>"}
            {...bind("from")}
          />
          {errorBeside("from")}
        </fieldset>

        <fieldset>
          <legend className="group">Webhook</legend>
          <label htmlFor={`${id}-webhookUrl`}>Address</label>
          <input
            type="url"
            spellCheck={false}
            placeholder="https://ntfy.sh/my-goodwill-topic"
            {...bind("webhookUrl")}
          />
          {errorBeside("webhookUrl")}
          <label htmlFor={`${id}-webhookFormat`}>Format</label>
          <select {...bind("webhookFormat")}>
            <option value="json">JSON</option>
            <option value="ntfy">ntfy</option>
          </select>
          {errorBeside("webhookFormat")}
          <p className="muted">
            JSON for a chat bridge, Home Assistant or a script of your own; ntfy for an ntfy topic. Each POST
            is signed with the webhook's secret (HMAC-SHA256, in the Goodwill-Signature header).
          </p>
          {hasWebhook &&
            (rotating ? (
              <div className="confirm">
                <p>A new secret stops the old one from verifying: the receiver must be given the new one.</p>
                <div className="buttons">
                  <button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate(undefined)}>
                    {rotate.isPending ? "Making…" : "Make a new secret"}
                  </button>
                  <button type="button" className="secondary" onClick={() => setRotating(false)}>
                    Keep the old one
                  </button>
                </div>
                <FormError error={rotate.error} />
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setRotating(true)}>
                New secret
              </button>
            ))}
        </fieldset>

        <fieldset>
          <legend className="group">Links in a note</legend>
          <label htmlFor={`${id}-publicUrl`}>Open at (optional)</label>
          <input
            type="url"
            spellCheck={false}
            placeholder={server.publicUrl}
            {...bind("publicUrl", `${id}-public-help`)}
          />
          {errorBeside("publicUrl")}
          <p id={`${id}-public-help`} className="muted">
            The address of Goodwill as your phone reaches it. Empty: {server.publicUrl}.
          </p>
        </fieldset>
      </div>

      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>The webhook's secret</strong>: give it to the receiver now, to check each POST's
            signature. It is shown only once.
          </p>
          <code className="secret-value" data-testid="webhook-secret">
            {secret}
          </code>
          <div className="buttons">
            <CopyButton text={secret} label="Copy the secret" />
            <button type="button" className="secondary" onClick={() => setSecret(null)}>
              I have saved it
            </button>
          </div>
        </div>
      )}
      <FormError error={save.error} shownBeside={at !== null} />
      {saved && !save.isPending && (
        <p className="saved" role="status">
          Saved.
        </p>
      )}
      <FormActions submit="Save reminders" busy={save.isPending} disabled={unchanged} />
    </form>
  );
}

/** A channel as a person reads it: "Email to ann@example.com", "Push to Firefox on Android". */
function channelName(channel: string, r: RemindersJson): string {
  if (channel === "email") return `Email to ${r.email?.address ?? "you"}`;
  if (channel === "webhook") {
    try {
      return `Webhook to ${new URL(r.webhook?.url ?? "").host}`;
    } catch {
      return "Webhook";
    }
  }
  const device = r.push.subscriptions.find((s) => `push:${s.id}` === channel);
  return `Push to ${device?.label ?? "a browser"}`;
}

function ChannelStates({ reminders: r }: { reminders: RemindersJson }) {
  const id = useId();
  if (r.channels.length === 0)
    return (
      <div className="reminder-part">
        <h3 id={`${id}-title`}>How the last sends went</h3>
        <p className="muted">No channel is on yet: give an email address or a webhook, or get notes here.</p>
      </div>
    );
  return (
    <div className="reminder-part">
      <h3 id={`${id}-title`}>How the last sends went</h3>
      <ul className="rows compact" aria-labelledby={`${id}-title`}>
        {r.channels.map((c) => (
          <li key={c.channel}>
            <div className="row-main">
              <span className="name">{channelName(c.channel, r)}</span>{" "}
              {c.channel === "email" && r.email?.unsubscribedAt && <span className="badge">Stopped</span>}
              <p className="muted">{c.lastSentAt ? `Last sent ${when(c.lastSentAt)}` : "Nothing sent yet"}</p>
              {c.lastError && (
                <p className="field-error">
                  {c.lastErrorAt ? `${when(c.lastErrorAt)}: ` : ""}
                  {c.lastError}
                  {c.nextAttemptAt ? ` Next try ${when(c.nextAttemptAt)}.` : ""}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TestSend({ reminders: r }: { reminders: RemindersJson }) {
  const id = useId();
  const client = useQueryClient();
  // names as they were when the test went (a push subscription that has expired is removed by it)
  const [named, setNamed] = useState<RemindersJson>(r);
  const test = useMutation({
    mutationFn: () => reminders.test(),
    onMutate: () => setNamed(r),
    onSettled: () => client.invalidateQueries({ queryKey: keys.reminders }),
  });
  const preview = useMutation({ mutationFn: (kind: "daily" | "weekly") => reminders.preview(kind) });
  const [shown, setShown] = useState<"daily" | "weekly" | null>(null);
  const show = (kind: "daily" | "weekly") => {
    if (shown === kind) return setShown(null);
    setShown(kind);
    preview.mutate(kind);
  };
  return (
    <div className="reminder-part">
      <h3 id={`${id}-title`}>Try it</h3>
      <p className="muted">
        A short test message through every channel that is on, now: the way to check a mail server or a
        webhook. The daily note itself goes at its time.
      </p>
      <div className="buttons start">
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? "Sending…" : "Send a test"}
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={shown === "daily"}
          onClick={() => show("daily")}
        >
          Today's note
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={shown === "weekly"}
          onClick={() => show("weekly")}
        >
          The weekly plan
        </button>
      </div>
      <FormError error={test.error} />
      {test.data && <TestResults results={test.data.results} names={named} />}
      {shown &&
        (preview.isPending ? (
          <Loading what="Writing the note" />
        ) : preview.isError ? (
          <FormError error={preview.error} />
        ) : preview.data ? (
          <div className="note-preview" role="status">
            {preview.data.note ? (
              <NotePreview note={preview.data.note} />
            ) : (
              <p>
                Nothing worth sending {shown === "daily" ? "today" : "this week"}: no note would go out now.
              </p>
            )}
          </div>
        ) : null)}
    </div>
  );
}

/** The note as its email would read, with its links (a one-tap link asks before it does anything). */
function NotePreview({ note }: { note: ReminderNote }) {
  return (
    <>
      <p className="name">{note.subject}</p>
      <p>{note.intro}</p>
      {note.items.length > 0 && (
        <ol>
          {note.items.map((item) => (
            <NoteLine key={`${item.kind}-${item.title}`} item={item} />
          ))}
        </ol>
      )}
      {note.idea && (
        <>
          <p className="name">One way to help first</p>
          <ul>
            <NoteLine item={note.idea} />
          </ul>
        </>
      )}
      {note.days.map((day) => (
        <Fragment key={day.date}>
          <p className="name">{day.label}</p>
          <ul>
            {day.items.map((item) => (
              <NoteLine key={`${item.kind}-${item.title}`} item={item} />
            ))}
          </ul>
        </Fragment>
      ))}
    </>
  );
}

function NoteLine({ item }: { item: NoteItem }) {
  return (
    <li>
      <a href={item.link}>{item.title}</a>
      <p className="muted">
        {item.detail}
        {item.action && (
          <>
            {" "}
            <a href={item.action.url}>{item.action.label}</a>
          </>
        )}
      </p>
    </li>
  );
}

function TestResults({ results, names }: { results: TestResult[]; names: RemindersJson }) {
  return (
    <ul className="rows compact test-results" aria-label="Test results">
      {results.map((result) => (
        <li key={result.channel}>
          <div className="row-main">
            <span className="name">{channelName(result.channel, names)}</span>{" "}
            {result.sent ? (
              <span className="badge balance-giving">Sent</span>
            ) : (
              <span className="badge late">Not sent</span>
            )}
            {result.error && <p className="field-error">{result.error}</p>}
          </div>
        </li>
      ))}
    </ul>
  );
}
