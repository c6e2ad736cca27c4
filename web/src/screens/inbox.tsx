/**
 * The Inbox (issue 18): what capture found in the user's mail, waiting for a yes. Each suggestion
 * says why ("because the message says ‘thanks for the intro’"), with the message's day and subject,
 * and is accepted, edited inline, or dismissed, with Undo after each. Below, the people the user
 * writes to often who are not people yet, to add several at once.
 */
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { becauseText, ENTRY_KINDS, type EntryKind, type InboxItemJson } from "../../../src/contract/inbox.js";
import { api, type Result } from "../api/client";
import { useWrite } from "../api/hooks";
import { ChoiceField, label, SummaryField } from "../components/fields";
import { FormActions } from "../components/form-actions";
import { PersonPicker, type PickedPerson } from "../components/person-picker";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import { useTitle } from "../components/title";
import "./inbox.css";

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });

export function Inbox() {
  useTitle("Inbox");
  const inbox = useQuery({ queryKey: ["inbox"], queryFn: () => api.inbox() });
  return (
    <section className="inbox">
      <header className="screen-head">
        <h1>Inbox</h1>
        <p className="muted">
          What your mail suggests for the ledger. Nothing is recorded until you accept it; a dismissed
          suggestion does not come back when the same mail is imported again.
        </p>
      </header>
      {inbox.isPending ? (
        <Loading what="Reading the Inbox" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} retry={() => void inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <Empty>
          <p>Nothing waits for you. Import your mail (Import / Export) and suggestions show here.</p>
        </Empty>
      ) : (
        <ul className="card inbox-list" aria-label="Suggestions">
          {inbox.data.items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      <PeoplePanel />
    </section>
  );
}

function ItemRow({ item }: { item: InboxItemJson }) {
  const [editing, setEditing] = useState(false);
  const accept = useWrite(
    (as: "promise" | "need" | undefined) => api.acceptInboxItem(item.id, as ? { as } : {}),
    {
      undo: (r) => `Recorded: ${r.recorded.text}.`,
    },
  );
  const dismiss = useWrite(() => api.dismissInboxItems([item.id]), {
    undo: () => `Dismissed: ${item.text}.`,
  });
  const busy = accept.isPending || dismiss.isPending;
  return (
    <li aria-label={item.text} className={`inbox-item inbox-${item.kind}`}>
      <p className="inbox-text">
        <span className="badge kind">{label(item.kind)}</span> <strong>{item.text}</strong>
      </p>
      <p className="muted inbox-why">
        {sentence(becauseText(item))} · {day(item.occurredAt)}
        {item.subject ? ` · “${item.subject}”` : ""}
      </p>
      {editing ? (
        <EditItem item={item} onDone={() => setEditing(false)} />
      ) : (
        <>
          <FormError error={accept.error ?? dismiss.error} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => dismiss.mutate(undefined)}
            >
              Dismiss
            </button>
            {item.kind !== "alias" && (
              <button type="button" className="secondary" disabled={busy} onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            {item.kind === "ask" && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => accept.mutate("need")}
              >
                Their need
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => accept.mutate(undefined)}>
              {accept.isPending
                ? "Saving…"
                : item.kind === "ask"
                  ? "Accept as my promise"
                  : item.kind === "alias"
                    ? "Yes, add the address"
                    : "Accept"}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** Inline: the summary, the kind, the exchange kind and the person; saved alone, or saved and accepted. */
function EditItem({ item, onDone }: { item: InboxItemJson; onDone: () => void }) {
  const id = useId();
  const [summary, setSummary] = useState(item.summary);
  const [kind, setKind] = useState<EntryKind>(item.kind === "alias" ? "gave" : item.kind);
  const [exchangeKind, setExchangeKind] = useState(item.exchangeKind ?? "favor");
  const [person, setPerson] = useState<PickedPerson | null>(item.person);
  const edit = {
    summary,
    kind,
    ...(kind === "ask" ? {} : { exchangeKind }),
    ...(person ? { person: person.id } : {}),
  };
  const save = useWrite<boolean, Result<"acceptInboxItem"> | Result<"editInboxItem">>(
    (andAccept) => (andAccept ? api.acceptInboxItem(item.id, edit) : api.editInboxItem(item.id, edit)),
    {
      onSuccess: onDone,
      undo: (r) => ("recorded" in r ? `Recorded: ${r.recorded.text}.` : `Changed: ${r.item.text}.`),
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(true);
  };
  return (
    <form className="inbox-edit" onSubmit={submit} aria-label={`Edit: ${item.text}`}>
      <SummaryField id={`${id}-summary`} caption="What it was" value={summary} onChange={setSummary} />
      <div className="row">
        <div>
          <label htmlFor={`${id}-kind`}>Suggestion</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as EntryKind)}>
            {ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_WORDS[k]}
              </option>
            ))}
          </select>
        </div>
        {kind !== "ask" && (
          <ChoiceField
            id={`${id}-exchange`}
            choices="kind"
            caption="Kind"
            value={exchangeKind}
            onChange={setExchangeKind}
          />
        )}
      </div>
      <PersonPicker label="Who" value={person} onChange={setPerson} />
      <FormError error={save.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="secondary"
          disabled={save.isPending}
          onClick={() => save.mutate(false)}
        >
          Save
        </button>
        <FormActions className="buttons" submit="Save and accept" busy={save.isPending} disabled={false} />
      </div>
    </form>
  );
}

const KIND_WORDS: Record<EntryKind, string> = {
  gave: "You gave them",
  received: "They gave you",
  ask: "They ask you",
  thanks: "You thanked them",
};

/** People you write to often: tick some, add them in one step; or hide one. */
function PeoplePanel() {
  const people = useQuery({ queryKey: ["inbox", "people"], queryFn: () => api.inboxPeople() });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const add = useWrite((keys: string[]) => api.addInboxPeople(keys), {
    onSuccess: () => setChosen(new Set()),
    undo: (r) =>
      `Added ${r.added.length === 1 ? r.added[0]?.person.name : `${r.added.length} people`}. Import the same export again to log their messages.`,
  });
  const hide = useWrite((key: string) => api.dismissInboxPeople([key]), {
    undo: (r) => `Hidden: ${r.dismissed.map((d) => d.email).join(", ")}.`,
  });
  if (people.isPending || people.isError || people.data.people.length === 0) return null;
  const toggle = (key: string) =>
    setChosen((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <section className="inbox-people" aria-labelledby="inbox-people-title">
      <h2 id="inbox-people-title">People you write to often</h2>
      <p className="muted">Not in Goodwill yet. Added, they get the address as their email.</p>
      <ul className="card">
        {people.data.people.map((p) => (
          <li key={p.key}>
            <label className="inbox-person">
              <input type="checkbox" checked={chosen.has(p.key)} onChange={() => toggle(p.key)} />
              <span>
                <strong>{p.name ?? p.email}</strong>
                <span className="muted">
                  {" "}
                  {p.name ? `${p.email} · ` : ""}
                  {p.messages === 1 ? "1 message" : `${p.messages} messages`}
                  {p.lastAt ? ` · last ${day(p.lastAt)}` : ""}
                </span>
              </span>
            </label>
            <button
              type="button"
              className="secondary"
              aria-label={`Hide ${p.email}`}
              disabled={hide.isPending}
              onClick={() => hide.mutate(p.key)}
            >
              Hide
            </button>
          </li>
        ))}
      </ul>
      <FormError error={add.error ?? hide.error} />
      <div className="actions">
        <button
          type="button"
          disabled={chosen.size === 0 || add.isPending}
          onClick={() => add.mutate([...chosen])}
        >
          {add.isPending
            ? "Adding…"
            : chosen.size === 0
              ? "Tick the people to add"
              : `Add ${chosen.size === 1 ? "1 person" : `${chosen.size} people`}`}
        </button>
      </div>
    </section>
  );
}

/** "because …" as the start of a line: "Because …". */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
