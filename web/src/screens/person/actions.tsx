/**
 * Quick actions on one person: I gave, they gave, an ask (after the pre-ask check, DESIGN §3.6), a
 * promise, a thank-you. Each shows in the timeline at once; a refusal keeps what was typed and says
 * why. (A moment is logged with the quick log, from "Log a moment" at the top of the page: it may
 * take others of the moment too.)
 */
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { BalanceBadge } from "../../components/badges";
import { ChoiceField, SummaryField, WhenField } from "../../components/fields";
import { FormActions } from "../../components/form-actions";
import { ErrorState, FormError, Loading } from "../../components/states";
import { addsToTimeline, personKeys } from "./overview";

type Action = "gave" | "received" | "ask" | "promise" | "thank";

const ACTIONS: { value: Action; label: string }[] = [
  { value: "gave", label: "I gave" },
  { value: "received", label: "They gave" },
  { value: "ask", label: "Ask" },
  { value: "promise", label: "Promise" },
  { value: "thank", label: "Thank" },
];

export function QuickActions({ personId, name }: { personId: string; name: string }) {
  const [open, setOpen] = useState<Action | null>(null);
  // what was recorded shows in the undo toast, with its Undo
  const finish = () => setOpen(null);
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Quick actions</h2>
      <div className="action-buttons">
        {ACTIONS.map((action) => (
          <button
            key={action.value}
            type="button"
            className={open === action.value ? undefined : "secondary"}
            aria-expanded={open === action.value}
            onClick={() => setOpen(open === action.value ? null : action.value)}
          >
            {action.label}
          </button>
        ))}
      </div>
      {(open === "gave" || open === "received") && (
        <ExchangeForm
          key={open}
          personId={personId}
          direction={open}
          onDone={finish}
          onCancel={() => setOpen(null)}
        />
      )}
      {open === "thank" && (
        <ThankForm personId={personId} name={name} onDone={finish} onCancel={() => setOpen(null)} />
      )}
      {open === "ask" && (
        <AskForm personId={personId} name={name} onDone={finish} onCancel={() => setOpen(null)} />
      )}
      {open === "promise" && (
        <PromiseForm personId={personId} name={name} onDone={finish} onCancel={() => setOpen(null)} />
      )}
    </section>
  );
}

interface FormProps {
  personId: string;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * The frame of every quick action's form: its fields, then what went wrong (what was typed stays),
 * then Cancel and the submit button.
 */
function ActionForm({
  save,
  submit,
  busy = save.isPending,
  onCancel,
  children,
}: {
  save: { mutate: (input: undefined) => void; isPending: boolean; error: unknown };
  submit: string;
  busy?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="action-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(undefined);
      }}
    >
      {children}
      <FormError error={save.error} />
      <FormActions submit={submit} busy={busy} onCancel={onCancel} />
    </form>
  );
}

function ExchangeForm({
  personId,
  direction,
  onDone,
  onCancel,
}: FormProps & { direction: "gave" | "received" }) {
  const id = useId();
  const [summary, setSummary] = useState("");
  const [kind, setKind] = useState("favor");
  const [when, setWhen] = useState("");
  const save = useWrite(
    () =>
      api.recordExchange(
        { personId },
        { direction, summary: summary.trim(), kind, ...(when.trim() ? { occurredAt: when.trim() } : {}) },
      ),
    {
      optimistic: addsToTimeline(personId, () => ({ type: direction, summary: summary.trim() })),
      onSuccess: onDone,
      undo: (result) =>
        `${direction === "gave" ? "Give" : "Help received"} recorded: the balance is now ${result.balance.label}.`,
    },
  );
  return (
    <ActionForm
      save={save}
      submit={direction === "gave" ? "Record the give" : "Record it"}
      onCancel={onCancel}
    >
      <SummaryField
        id={`${id}-summary`}
        caption={direction === "gave" ? "What did you give or do?" : "What did they do for you?"}
        value={summary}
        onChange={setSummary}
        placeholder={direction === "gave" ? "Brought coffee to the team" : "Fixed my laptop"}
      />
      <div className="row">
        <ChoiceField id={`${id}-kind`} choices="kind" caption="Kind" value={kind} onChange={setKind} />
        <WhenField id={`${id}-when`} value={when} onChange={setWhen} />
      </div>
    </ActionForm>
  );
}

function ThankForm({ personId, name, onDone, onCancel }: FormProps & { name: string }) {
  const id = useId();
  const [summary, setSummary] = useState(`Thanked ${name}`);
  const save = useWrite(
    () => api.recordExchange({ personId }, { direction: "gave", kind: "thanks", summary: summary.trim() }),
    {
      optimistic: addsToTimeline(personId, () => ({ type: "gave", summary: summary.trim() })),
      onSuccess: onDone,
      undo: () => `Thanked ${name}.`,
    },
  );
  return (
    <ActionForm save={save} submit="Record the thank-you" onCancel={onCancel}>
      <SummaryField
        id={`${id}-summary`}
        caption="How did you thank them?"
        value={summary}
        onChange={setSummary}
      />
    </ActionForm>
  );
}

/** The pre-ask check shows before anything is recorded; asking anyway is always possible. */
function AskForm({ personId, name, onDone, onCancel }: FormProps & { name: string }) {
  const id = useId();
  const [summary, setSummary] = useState("");
  const check = useQuery({
    queryKey: [...personKeys.overview(personId), "ask-check"],
    queryFn: () => api.checkAsk({ personId }),
    staleTime: 0,
  });
  const save = useWrite(() => api.ask({ personId }, { summary: summary.trim() }), {
    optimistic: addsToTimeline(personId, () => ({ type: "ask", summary: summary.trim() })),
    onSuccess: onDone,
    undo: (result) =>
      `Ask #${result.ask.number} recorded. It waits under Open asks and promises until they help.`,
  });
  const warned = !!check.data?.check.warning;
  return (
    <ActionForm
      save={save}
      submit={warned ? "Ask anyway" : "Record the ask"}
      busy={save.isPending || check.isPending}
      onCancel={onCancel}
    >
      <section className="ask-check" aria-label="Before you ask">
        <h3>Before you ask {name}</h3>
        {check.isPending && <Loading what="Checking the balance" />}
        {check.isError && <ErrorState error={check.error} retry={() => void check.refetch()} />}
        {check.data && (
          <>
            {check.data.check.warning && (
              <p className="ask-warning" role="alert">
                {check.data.check.warning}
              </p>
            )}
            <p>
              With {name}: <BalanceBadge balance={check.data.check.balance} />
              {check.data.check.departmentBalance && (
                <>
                  {" "}
                  · their department: <BalanceBadge balance={check.data.check.departmentBalance} />
                </>
              )}
            </p>
            {check.data.check.needs.length > 0 && (
              <>
                <h4>What they need</h4>
                <ul>
                  {check.data.check.needs.map((n) => (
                    <li key={n.number}>{n.text}</li>
                  ))}
                </ul>
              </>
            )}
            {check.data.check.suggestions.length > 0 && (
              <>
                <h4>Ways to give first</h4>
                <ul>
                  {check.data.check.suggestions.map((s) => (
                    <li key={`${s.kind}-${s.action}`}>
                      {s.action} <span className="muted">({s.reason})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>
      <SummaryField
        id={`${id}-summary`}
        caption="What do you want to ask?"
        value={summary}
        onChange={setSummary}
        placeholder="Priority help with the VPN"
      />
    </ActionForm>
  );
}

function PromiseForm({ personId, name, onDone, onCancel }: FormProps & { name: string }) {
  const id = useId();
  const [summary, setSummary] = useState("");
  const [direction, setDirection] = useState<"i_owe" | "they_owe">("i_owe");
  const [dueOn, setDueOn] = useState("");
  const save = useWrite(
    () => api.promise({ personId }, { summary: summary.trim(), direction, dueOn: dueOn || null }),
    {
      optimistic: addsToTimeline(personId, () => ({ type: "promise", summary: summary.trim() })),
      onSuccess: onDone,
      undo: () =>
        "Promise recorded. It waits under Open asks and promises until it is done, and shows on Today in the week it is due.",
    },
  );
  return (
    <ActionForm save={save} submit="Record the promise" onCancel={onCancel}>
      <fieldset className="segmented">
        <legend>Who promised</legend>
        <label>
          <input
            type="radio"
            name={`${id}-dir`}
            checked={direction === "i_owe"}
            onChange={() => setDirection("i_owe")}
          />
          I promised {name}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-dir`}
            checked={direction === "they_owe"}
            onChange={() => setDirection("they_owe")}
          />
          {name} promised me
        </label>
      </fieldset>
      <div className="row">
        <div>
          <SummaryField
            id={`${id}-summary`}
            caption="What was promised?"
            value={summary}
            onChange={setSummary}
            placeholder="Send the project photos"
          />
        </div>
        <div>
          <label htmlFor={`${id}-due`}>Due date (optional)</label>
          <input id={`${id}-due`} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </div>
      </div>
    </ActionForm>
  );
}
