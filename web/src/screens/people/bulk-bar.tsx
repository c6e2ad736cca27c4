/**
 * What to do with the people selected on People: one form sets a tag, a circle and a rhythm for all
 * of them at once, or they are deleted. Either is one request (POST /people/bulk) and one change in
 * the journal, so the toast's Undo takes all of it back.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { LIMITS } from "../../../../src/domain/limits.js";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { CIRCLE_WORDS, count } from "../../components/badges";
import { FormError } from "../../components/states";
import type { Selection } from "./selection";

/** Rhythms to pick from: a phone has no room for typing a number of days, and these cover most. */
const RHYTHMS: { value: string; label: string }[] = [
  { value: "7", label: "Every week" },
  { value: "14", label: "Every 2 weeks" },
  { value: "30", label: "Every month" },
  { value: "60", label: "Every 2 months" },
  { value: "90", label: "Every 3 months" },
  { value: "180", label: "Every 6 months" },
  { value: "365", label: "Every year" },
  { value: "none", label: "The circle's default (none of their own)" },
];

type Mode = "change" | "delete" | null;

interface Change {
  ids: string[];
  tag: string;
  layer: string;
  rhythm: string;
}

/** "Raj Patel", "Raj Patel and Tim Keller", "150 people". */
function whom(selection: Selection): string {
  const names = [...selection.people.values()];
  if (names.length === 1) return names[0] ?? "";
  if (names.length === 2) return names.join(" and ");
  return count(names.length, "person", "people");
}

export function BulkBar({ selection, total }: { selection: Selection; total: number }) {
  const id = useId();
  const [mode, setMode] = useState<Mode>(null);
  const [form, setForm] = useState({ tag: "", layer: "", rhythm: "" });
  const tags = useQuery({ queryKey: ["tags"], queryFn: api.listTags, staleTime: 60_000 });
  const done = () => {
    selection.clear();
    setMode(null);
    setForm({ tag: "", layer: "", rhythm: "" });
  };
  const change = useWrite(
    (input: Change) =>
      api.bulkPeople({
        ids: input.ids,
        ...(input.tag.trim() ? { addTags: [input.tag.trim()] } : {}),
        ...(input.layer ? { layer: Number(input.layer) } : {}),
        ...(input.rhythm ? { cadenceDays: input.rhythm === "none" ? null : Number(input.rhythm) } : {}),
      }),
    {
      onSuccess: done,
      undo: (result) =>
        `Changed ${result.updated.length === 1 ? (result.updated[0]?.name ?? "") : count(result.updated.length, "person", "people")}: ${result.done}.`,
    },
  );
  const remove = useWrite((ids: string[]) => api.bulkPeople({ ids, delete: true }), {
    onSuccess: done,
    undo: (result) =>
      `Deleted ${result.deleted.length === 1 ? (result.deleted[0]?.name ?? "") : count(result.deleted.length, "person", "people")} and their history.`,
  });
  const busy = change.isPending || remove.isPending;
  const nothingChosen = !form.tag.trim() && !form.layer && !form.rhythm;
  const open = (next: Mode) => {
    change.reset();
    remove.reset();
    setMode((m) => (m === next ? null : next));
  };
  const shown = selection.size;

  return (
    <section className="card bulk-bar" aria-labelledby={`${id}-title`}>
      <div className="bulk-head">
        <h2 id={`${id}-title`} aria-live="polite">
          {count(shown, "person", "people")} selected
          {shown < total && <span className="muted"> of {total.toLocaleString()}</span>}
        </h2>
        <div className="buttons">
          <button
            type="button"
            className="secondary"
            aria-expanded={mode === "change"}
            onClick={() => open("change")}
          >
            Tag, circle, rhythm…
          </button>
          <button
            type="button"
            className="secondary danger-text"
            aria-expanded={mode === "delete"}
            onClick={() => open("delete")}
          >
            Delete…
          </button>
          <button type="button" className="link" onClick={done}>
            Clear the selection
          </button>
        </div>
      </div>

      {mode === "change" && (
        <form
          className="bulk-form"
          aria-label="Change the selected people"
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate({ ids: [...selection.people.keys()], ...form });
          }}
        >
          <div className="row">
            <div>
              <label htmlFor={`${id}-tag`}>Add the tag</label>
              <input
                id={`${id}-tag`}
                list={`${id}-tags`}
                autoComplete="off"
                maxLength={LIMITS.tag}
                placeholder="e.g. the event's name"
                value={form.tag}
                onChange={(e) => setForm((f) => ({ ...f, tag: e.target.value }))}
              />
              <datalist id={`${id}-tags`}>
                {(tags.data?.tags ?? []).map((t) => (
                  <option key={t.name} value={t.name} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor={`${id}-layer`}>Circle</label>
              <select
                id={`${id}-layer`}
                value={form.layer}
                onChange={(e) => setForm((f) => ({ ...f, layer: e.target.value }))}
              >
                <option value="">Unchanged</option>
                {Object.entries(CIRCLE_WORDS).map(([value, words]) => (
                  <option key={value} value={value}>
                    {words}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-rhythm`}>Keep in touch</label>
              <select
                id={`${id}-rhythm`}
                value={form.rhythm}
                onChange={(e) => setForm((f) => ({ ...f, rhythm: e.target.value }))}
              >
                <option value="">Unchanged</option>
                {RHYTHMS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <FormError error={change.error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setMode(null)}>
              Cancel
            </button>
            <button type="submit" disabled={busy || nothingChosen || selection.pending}>
              {change.isPending ? "Changing…" : `Change ${whom(selection)}`}
            </button>
          </div>
        </form>
      )}

      {mode === "delete" && (
        <div className="confirm danger-zone">
          <p>
            Delete {whom(selection)} and everything recorded with {shown === 1 ? "them" : "each"}: moments,
            gives, notes, asks and promises? The toast's Undo brings {shown === 1 ? "them" : "all of them"}{" "}
            back.
          </p>
          <FormError error={remove.error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setMode(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy || selection.pending}
              onClick={() => remove.mutate([...selection.people.keys()])}
            >
              {remove.isPending ? "Deleting…" : `Delete ${whom(selection)}`}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
