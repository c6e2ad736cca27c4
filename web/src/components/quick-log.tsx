/**
 * The quick log: press L (or Ctrl/⌘+K) anywhere, type a name, say what happened, Enter. A moment,
 * something I gave or something I received. If the server refuses, the box stays open with what was
 * typed and says why.
 */
import { useEffect, useId, useRef, useState } from "react";
import { api, undoIdOf } from "../api/client";
import { useWrite } from "../api/hooks";
import { ChoiceField, WhenField } from "./fields";
import { PersonPicker, type PickedPerson } from "./person-picker";
import { FormError } from "./states";

type What = "moment" | "gave" | "received";

const WHAT_LABELS: Record<What, string> = {
  moment: "We talked or met",
  gave: "I gave or helped",
  received: "They helped me",
};

/**
 * Whether a key press is not a shortcut: it goes into a field, or a dialog is open (a shortcut
 * would open another on top, or leave the screen and lose what the dialog holds).
 */
export function notAShortcut(event: KeyboardEvent): boolean {
  const element = event.target as HTMLElement | null;
  const typing =
    !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
  return typing || document.querySelector("dialog[open]") !== null;
}

const WHAT_DONE: Record<What, string> = {
  moment: "Logged a moment with",
  gave: "Recorded a give to",
  received: "Recorded help from",
};

export function useQuickLogShortcut(open: () => void) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      const plainL = event.key.toLowerCase() === "l" && !event.ctrlKey && !event.metaKey && !event.altKey;
      // Ctrl+K works from a field too, but never over an open dialog
      const dialogOpen = document.querySelector("dialog[open]") !== null;
      if ((commandK && !dialogOpen) || (plainL && !notAShortcut(event))) {
        event.preventDefault();
        open();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
}

export function QuickLog({
  open,
  onClose,
  person: presetPerson = null,
}: {
  open: boolean;
  onClose: () => void;
  person?: PickedPerson | null;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [person, setPerson] = useState<PickedPerson | null>(presetPerson);
  const [what, setWhat] = useState<What>("moment");
  const [summary, setSummary] = useState("");
  const [kind, setKind] = useState("favor");
  const [channel, setChannel] = useState("in_person");
  const [when, setWhen] = useState("");

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      if (presetPerson) setPerson(presetPerson);
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open, presetPerson]);

  const save = useWrite(
    async (): Promise<{ name: string; what: What; saved: object }> => {
      if (!person) throw new Error("Choose whom it was with: type part of a name and pick one.");
      const occurredAt = when.trim() || undefined;
      const saved =
        what === "moment"
          ? await api.logInteraction({
              personIds: [person.id],
              summary: summary.trim(),
              channel,
              ...(occurredAt ? { occurredAt } : {}),
            })
          : await api.recordExchange(
              { personId: person.id },
              { direction: what, summary: summary.trim(), kind, ...(occurredAt ? { occurredAt } : {}) },
            );
      return { name: person.name, what, saved };
    },
    {
      // what was logged shows in the undo toast, with its Undo
      undo: ({ name, what: logged, saved }) => ({
        message: `${WHAT_DONE[logged]} ${name}.`,
        undoId: undoIdOf(saved),
      }),
      onSuccess: () => {
        // The next log starts afresh: "They helped me" must not stick to the moments that follow.
        setSummary("");
        setWhen("");
        setWhat("moment");
        setKind("favor");
        setChannel("in_person");
        if (!presetPerson) setPerson(null);
        onClose();
      },
    },
  );

  return (
    <dialog
      ref={dialog}
      className="dialog quick-log"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(undefined);
        }}
      >
        <h2 id={`${id}-title`}>Log a moment</h2>
        {presetPerson ? (
          <p className="muted">With {presetPerson.name}</p>
        ) : (
          <PersonPicker label="With" value={person} onChange={setPerson} autoFocus={open} />
        )}
        <fieldset className="segmented">
          <legend>What happened</legend>
          {(Object.keys(WHAT_LABELS) as What[]).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={`${id}-what`}
                value={option}
                checked={what === option}
                onChange={() => setWhat(option)}
              />
              {WHAT_LABELS[option]}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-summary`}>In a few words</label>
        <input
          id={`${id}-summary`}
          required
          maxLength={2000}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
          placeholder={what === "moment" ? "Coffee after the offsite" : "Fixed my laptop"}
        />
        <div className="row">
          {what === "moment" ? (
            <ChoiceField
              id={`${id}-channel`}
              choices="channel"
              caption="How"
              value={channel}
              onChange={setChannel}
            />
          ) : (
            <ChoiceField id={`${id}-kind`} choices="kind" caption="Kind" value={kind} onChange={setKind} />
          )}
          <WhenField id={`${id}-when`} caption="When" value={when} onChange={setWhen} />
        </div>
        <FormError error={save.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Log it"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
