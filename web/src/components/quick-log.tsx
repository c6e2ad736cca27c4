/**
 * The quick log: press L (or Ctrl/⌘+K) anywhere, type a name, say what happened, Enter. A moment
 * with one person or several (an event), something I gave or something I received (with one
 * person). If the server refuses, the box stays open with what was typed and says why; if it cannot
 * be reached, the log is kept on this device and sent when it is back.
 */
import { useEffect, useId, useRef, useState } from "react";
import { api, isKeptOnDevice, undoIdOf } from "../api/client";
import { KEPT_MESSAGE, useWrite } from "../api/hooks";
import { namesInWords } from "../offline/describe-write";
import { ChoiceField, SummaryField, WhenField } from "./fields";
import { FormActions } from "./form-actions";
import { PersonPicker, type PickedPerson } from "./person-picker";
import { notAShortcut } from "./shortcut-keys";
import { FormError } from "./states";
import "./quick-log.css";

type What = "moment" | "gave" | "received";

const WHAT_LABELS: Record<What, string> = {
  moment: "We talked or met",
  gave: "I gave or helped",
  received: "They helped me",
};

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

/** A give or a help received is with one person (as `goodwill gave` is); a moment may be with many. */
const ONE_PERSON_ONLY = "A give or a help received is with one person: log a moment to note it with several.";

export function QuickLog({
  open,
  onClose,
  people: presetPeople,
  summary: presetSummary,
}: {
  open: boolean;
  onClose: () => void;
  /** whom it starts with (opened from a person's page: that person) */
  people?: readonly PickedPerson[];
  /** what it starts with (a text shared into the app) */
  summary?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [people, setPeople] = useState<readonly PickedPerson[]>(presetPeople ?? []);
  const [what, setWhat] = useState<What>("moment");
  const [summary, setSummary] = useState(presetSummary ?? "");
  const [kind, setKind] = useState("favor");
  const [channel, setChannel] = useState("in_person");
  const [when, setWhen] = useState("");
  const several = people.length > 1;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      if (presetPeople) setPeople(presetPeople);
      if (presetSummary !== undefined) setSummary(presetSummary);
      element.showModal();
      // a name first; with the people chosen already, what happened
      const first = presetPeople?.length ? `${id}-summary` : `${id}-with`;
      document.getElementById(first)?.focus();
    } else if (!open && element.open) element.close();
  }, [open, presetPeople, presetSummary, id]);

  function add(person: PickedPerson | null) {
    if (!person) return;
    setPeople((chosen) => (chosen.some((p) => p.id === person.id) ? chosen : [...chosen, person]));
  }

  const save = useWrite(
    async (): Promise<{ names: string[]; what: What; saved: object }> => {
      if (people.length === 0) throw new Error("Choose whom it was with: type part of a name and pick one.");
      const first = people[0] as PickedPerson;
      if (what !== "moment" && several) throw new Error(ONE_PERSON_ONLY);
      const occurredAt = when.trim() || undefined;
      const saved =
        what === "moment"
          ? await api.logInteraction({
              personIds: people.map((p) => p.id),
              summary: summary.trim(),
              channel,
              ...(occurredAt ? { occurredAt } : {}),
            })
          : await api.recordExchange(
              { personId: first.id },
              { direction: what, summary: summary.trim(), kind, ...(occurredAt ? { occurredAt } : {}) },
            );
      return { names: people.map((p) => p.name), what, saved };
    },
    {
      // what was logged shows in the undo toast, with its Undo (or that it waits on the device)
      undo: ({ names, what: logged, saved }) =>
        isKeptOnDevice(saved)
          ? { message: KEPT_MESSAGE, undoId: null }
          : { message: `${WHAT_DONE[logged]} ${namesInWords(names)}.`, undoId: undoIdOf(saved) },
      onSuccess: () => {
        // The next log starts afresh: "They helped me" must not stick to the moments that follow.
        setSummary("");
        setWhen("");
        setWhat("moment");
        setKind("favor");
        setChannel("in_person");
        setPeople(presetPeople ?? []);
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
        {people.length > 0 && (
          <ul className="chips" aria-label="With these people">
            {people.map((person) => (
              <li key={person.id}>
                {person.name}
                <button
                  type="button"
                  aria-label={`Remove ${person.name}`}
                  title={`Remove ${person.name}`}
                  onClick={() => setPeople((chosen) => chosen.filter((p) => p.id !== person.id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <PersonPicker
          label={people.length > 0 ? "With (add someone)" : "With"}
          value={null}
          onChange={add}
          exclude={people.map((p) => p.id)}
          clearAfterPick
          id={`${id}-with`}
        />
        <fieldset className="segmented">
          <legend>What happened</legend>
          {(Object.keys(WHAT_LABELS) as What[]).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={`${id}-what`}
                value={option}
                checked={what === option}
                disabled={option !== "moment" && several}
                onChange={() => setWhat(option)}
              />
              {WHAT_LABELS[option]}
            </label>
          ))}
        </fieldset>
        {several && <p className="muted hint">{ONE_PERSON_ONLY}</p>}
        <SummaryField
          id={`${id}-summary`}
          caption="In a few words"
          value={summary}
          onChange={setSummary}
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
        <FormActions submit="Log it" busy={save.isPending} onCancel={onClose} />
      </form>
    </dialog>
  );
}
