/**
 * Correcting one timeline item in place (issue 10): the fields of its kind, prefilled as they are
 * now; Save sends only what changed (PATCH on the record), and the undo toast can take it back. A
 * refusal shows beside the field the server names, what was typed stays.
 */
import { type ReactNode, useId, useState } from "react";
import { LIMITS } from "../../../../src/domain/limits.js";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { ChoiceField, label, SummaryField } from "../../components/fields";
import { byData } from "../../components/focus";
import { FormActions } from "../../components/form-actions";
import { errorField, FieldError, FormError } from "../../components/states";
import type { TimelineItem } from "./overview";

type Edit = Parameters<typeof api.editRecord>[2];
export type RecordKindOf = "ledger" | "moment" | "ask" | "promise" | "note";

/** The record kind behind each timeline type. */
export const RECORD_KIND: Record<TimelineItem["type"], RecordKindOf> = {
  gave: "ledger",
  received: "ledger",
  moment: "moment",
  ask: "ask",
  promise: "promise",
  note: "note",
};

/** How each type is named in a sentence: "the give “…”". */
export const NOUN: Record<TimelineItem["type"], string> = {
  gave: "give",
  received: "help received",
  moment: "moment",
  ask: "ask",
  promise: "promise",
  note: "note",
};

/** A summary short enough for a button's name or a toast. */
export function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** The local calendar day of an instant, as a date field holds it. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const ASK_STATUSES = ["open", "declined", "withdrawn"];
const PROMISE_STATUSES = ["open", "dropped"];
/** The server's names for the fields, where its message names another ("note" for a note's body). */
const FIELD_ALIASES: Record<string, string> = { note: "body", date: "occurredAt", askedAt: "occurredAt" };

interface Values {
  summary: string;
  kind: string;
  weight: string;
  date: string;
  direction: string;
  notes: string;
  channel: string;
  status: string;
  dueOn: string;
}

function initial(item: TimelineItem): Values {
  const f = item.fields;
  return {
    summary: item.summary,
    kind: f.kind ?? "favor",
    weight: f.weight === undefined ? "" : String(f.weight),
    date: localDay(item.at),
    direction: item.type === "promise" ? (f.direction ?? "i_owe") : item.type,
    notes: f.notes ?? "",
    channel: f.channel ?? "in_person",
    status: f.status ?? "open",
    dueOn: f.dueOn ?? "",
  };
}

/** What changed, in the fields the record's PATCH takes. */
function changes(item: TimelineItem, before: Values, now: Values): Edit {
  const edit: Edit = {};
  const changed = (key: keyof Values) => now[key].trim() !== before[key].trim();
  const text = item.type === "note" ? "body" : "summary";
  if (changed("summary")) edit[text] = now.summary.trim();
  switch (item.type) {
    case "gave":
    case "received":
      if (changed("kind")) edit.kind = now.kind;
      if (changed("weight")) edit.weight = Number(now.weight);
      if (changed("date")) edit.occurredAt = now.date;
      if (changed("direction")) edit.direction = now.direction;
      break;
    case "moment":
      if (changed("notes")) edit.notes = now.notes.trim() === "" ? null : now.notes;
      if (changed("date")) edit.occurredAt = now.date;
      if (changed("channel")) edit.channel = now.channel;
      break;
    case "ask":
      if (changed("status")) edit.status = now.status;
      break;
    case "promise":
      if (changed("dueOn")) edit.dueOn = now.dueOn === "" ? null : now.dueOn;
      if (changed("status")) edit.status = now.status;
      break;
    case "note":
      break;
  }
  return edit;
}

export function EditItem({
  item,
  onClose,
}: {
  item: TimelineItem;
  /** called once saved and the person read again (or cancelled): `saved` says which */
  onClose: (saved: boolean) => void;
}) {
  const id = useId();
  const [before] = useState(() => initial(item));
  const [values, setValues] = useState(before);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const noun = NOUN[item.type];
  const save = useWrite((edit: Edit) => api.editRecord(RECORD_KIND[item.type], item.id, edit), {
    undo: (_, edit) => ({
      message: `Saved the ${noun} “${short(edit.summary ?? edit.body ?? item.summary)}”.`,
      refocus: byData("edit", item.id),
    }),
  });
  const raw = errorField(save.error);
  const field = raw ? (FIELD_ALIASES[raw] ?? raw) : null;
  const shown = new Set<string>();
  /** The field's refusal, beside it; each field says which names are its own. */
  const problem = (...names: string[]): { props: object; note: ReactNode } => {
    if (!field || !names.includes(field)) return { props: {}, note: null };
    for (const n of names) shown.add(n);
    const errorId = `${id}-${names[0]}-error`;
    return {
      props: { "aria-invalid": true, "aria-describedby": errorId },
      note: <FieldError id={errorId} error={save.error} />,
    };
  };
  const summary = problem("summary", "body");
  const kind = problem("kind");
  const weight = problem("weight");
  const date = problem("occurredAt");
  const direction = problem("direction");
  const notes = problem("notes");
  const channel = problem("channel");
  const status = problem("status");
  const dueOn = problem("dueOn");
  const ledger = item.type === "gave" || item.type === "received";
  const statuses = item.type === "ask" ? ASK_STATUSES : PROMISE_STATUSES;

  return (
    <form
      className="action-form timeline-edit"
      aria-label={`Edit the ${noun}`}
      onSubmit={(event) => {
        event.preventDefault();
        const edit = changes(item, before, values);
        if (Object.keys(edit).length === 0) return onClose(false);
        // closed once the person has been read again, so the row shows the new values at once
        save.mutate(edit, { onSuccess: () => onClose(true) });
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose(false);
      }}
    >
      {item.type === "note" ? (
        <>
          <label htmlFor={`${id}-summary`}>Note</label>
          <textarea
            id={`${id}-summary`}
            required
            rows={3}
            maxLength={LIMITS.note}
            value={values.summary}
            onChange={(e) => set("summary")(e.target.value)}
            {...summary.props}
            // biome-ignore lint/a11y/noAutofocus: the form opens on the user's Edit, where the eye already is
            autoFocus
          />
        </>
      ) : (
        <SummaryField
          id={`${id}-summary`}
          caption="Summary"
          value={values.summary}
          onChange={set("summary")}
          // autofocus: the form opens on the user's Edit, where the eye already is
          input={{ ...summary.props, autoFocus: true }}
        />
      )}
      {summary.note}
      {ledger && (
        <div className="row">
          <div>
            <label htmlFor={`${id}-direction`}>Who gave</label>
            <select
              id={`${id}-direction`}
              value={values.direction}
              onChange={(e) => set("direction")(e.target.value)}
              {...direction.props}
            >
              <option value="gave">I gave</option>
              <option value="received">They gave</option>
            </select>
            {direction.note}
          </div>
          <div>
            <ChoiceField
              id={`${id}-kind`}
              choices="kind"
              caption="Kind"
              value={values.kind}
              onChange={set("kind")}
            />
            {kind.note}
          </div>
          <div>
            <label htmlFor={`${id}-weight`}>Weight</label>
            <input
              id={`${id}-weight`}
              type="number"
              inputMode="decimal"
              step="any"
              required
              value={values.weight}
              onChange={(e) => set("weight")(e.target.value)}
              {...weight.props}
            />
            {weight.note}
          </div>
        </div>
      )}
      {item.type === "moment" && (
        <>
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea
            id={`${id}-notes`}
            rows={2}
            maxLength={10000}
            value={values.notes}
            onChange={(e) => set("notes")(e.target.value)}
            {...notes.props}
          />
          {notes.note}
          <div>
            <ChoiceField
              id={`${id}-channel`}
              choices="channel"
              caption="How"
              value={values.channel}
              onChange={set("channel")}
            />
            {channel.note}
          </div>
        </>
      )}
      {(ledger || item.type === "moment") && (
        <div>
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={values.date}
            onChange={(e) => set("date")(e.target.value)}
            {...date.props}
          />
          {date.note}
        </div>
      )}
      {(item.type === "ask" || item.type === "promise") && (
        <div className="row">
          {item.type === "promise" && (
            <div>
              <label htmlFor={`${id}-due`}>Due date (optional)</label>
              <input
                id={`${id}-due`}
                type="date"
                value={values.dueOn}
                onChange={(e) => set("dueOn")(e.target.value)}
                {...dueOn.props}
              />
              {dueOn.note}
            </div>
          )}
          <div>
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={values.status}
              onChange={(e) => set("status")(e.target.value)}
              {...status.props}
            >
              {/* a settled one (fulfilled, done) keeps its status unless another is chosen */}
              {(statuses.includes(before.status) ? statuses : [before.status, ...statuses]).map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
            {status.note}
          </div>
        </div>
      )}
      {field === null || !shown.has(field) ? <FormError error={save.error} /> : null}
      <FormActions submit="Save" busy={save.isPending} onCancel={() => onClose(false)} />
    </form>
  );
}
