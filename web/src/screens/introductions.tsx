/**
 * Introductions (DESIGN §1), double opt-in: I ask each side first with the drafted message, record
 * each yes, then connect them; a made introduction counts as a give to both, and its outcome can be
 * recorded later. The form proposes a new one (Today's "Introduce" fills it through ?a=&b=&reason=).
 */
import { useQuery } from "@tanstack/react-query";
import { type TextareaHTMLAttributes, useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  applyMove,
  type IntroductionMove,
  type IntroductionStatus,
  allowedMoves as movesFrom,
} from "../../../src/domain/introduction.js";
import { LIMITS } from "../../../src/domain/limits.js";
import { api, type Result } from "../api/client";
import { keys, useWrite } from "../api/hooks";
import { formatDate } from "../components/badges";
import { CopyButton } from "../components/copy-button";
import { byData, useFocusAfterRender } from "../components/focus";
import { FormActions } from "../components/form-actions";
import { PersonPicker, type PickedPerson } from "../components/person-picker";
import { Empty, ErrorState, errorField, FieldError, FormError, Loading } from "../components/states";
import "./introductions.css";
import { useTitle } from "../components/title";

type Introduction = Result<"listIntroductions">["introductions"][number];

const GROUPS: { title: string; help: string; statuses: IntroductionStatus[] }[] = [
  {
    title: "Ask both sides",
    help: "Send each side its message; record each yes as it comes.",
    statuses: ["proposed", "a_agreed", "b_agreed"],
  },
  { title: "Both agreed: connect them", help: "Both said yes. Introduce them.", statuses: ["agreed"] },
  { title: "Made", help: "Counted as a give to both. Say how it went.", statuses: ["made"] },
  { title: "Declined", help: "Closed. No hard feelings.", statuses: ["declined"] },
];

const STATUS_WORDS: Record<IntroductionStatus, string> = {
  proposed: "Waiting for both",
  a_agreed: "One side agreed",
  b_agreed: "One side agreed",
  agreed: "Both agreed",
  made: "Made",
  declined: "Declined",
};

export function Introductions() {
  useTitle("Introductions");
  const list = useQuery({ queryKey: keys.introductions, queryFn: () => api.listIntroductions({}) });
  // One move at a time, held here rather than in the card: a move regroups its card (a new
  // component), and the server's refusal must still show on it.
  const move = useWrite(
    (input: MoveInput) =>
      api.moveIntroduction(input.id, {
        move: input.move,
        ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
        ...(input.good !== undefined ? { good: input.good } : {}),
      }),
    {
      undo: ({ introduction: i }) =>
        `Introduction #${i.number}, ${i.a.name} and ${i.b.name}: ${STATUS_WORDS[i.status as IntroductionStatus].toLowerCase()}.`,
      optimistic: {
        key: keys.introductions,
        update: (old, input) => {
          const data = old as Result<"listIntroductions">;
          return {
            introductions: data.introductions.map((i) => {
              if (i.id !== input.id) return i;
              const next = applyMove(i.status, input.move) ?? i.status;
              return {
                ...i,
                status: next,
                allowedMoves: movesFrom(next),
                aAgreed: i.aAgreed || input.move === "a_agreed",
                bAgreed: i.bAgreed || input.move === "b_agreed",
                ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
                ...(input.good ? { outcomeGood: true } : {}),
              };
            }),
          };
        },
      },
    },
  );
  const moving = (id: string) => ({
    pending: move.isPending && move.variables?.id === id,
    error: move.variables?.id === id ? move.error : null,
    mutate: (input: Omit<MoveInput, "id">) => move.mutate({ ...input, id }),
  });
  return (
    <section className="intros">
      <header className="screen-head">
        <h1>Introductions</h1>
        <p className="muted">
          Connect two people whose need and offer match, with both sides' consent first. A made introduction
          is a give to both.
        </p>
      </header>
      <ProposeForm />
      {list.isPending ? (
        <Loading what="Reading your introductions" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.introductions.length === 0 ? (
        <Empty>
          <p>
            No introductions yet. Propose one above, or follow an “introduce” idea on{" "}
            <Link to="/">Today</Link>: it names two people who could help each other.
          </p>
        </Empty>
      ) : (
        GROUPS.map((group) => {
          const rows = list.data.introductions.filter((i) => group.statuses.includes(i.status));
          if (rows.length === 0) return null;
          const titleId = `intro-group-${group.statuses[0]}`;
          return (
            <section key={group.title} aria-labelledby={titleId} className="intro-group">
              <h2 id={titleId}>
                {group.title} <span className="muted">({rows.length})</span>
              </h2>
              <p className="muted">{group.help}</p>
              <ul className="intro-list">
                {rows.map((introduction) => (
                  <IntroductionCard
                    key={introduction.id}
                    introduction={introduction}
                    move={moving(introduction.id)}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}

function moveLabel(move: IntroductionMove, intro: Introduction): string {
  switch (move) {
    case "a_agreed":
      return `${intro.a.name} agreed`;
    case "b_agreed":
      return `${intro.b.name} agreed`;
    case "made":
      return "Introduced them";
    case "declined":
      return "Declined";
  }
}

interface MoveInput {
  id: string;
  move: IntroductionMove;
  outcome?: string;
  good?: boolean;
}

function IntroductionCard({
  introduction: intro,
  move,
}: {
  introduction: Introduction;
  move: { pending: boolean; error: unknown; mutate: (input: Omit<MoveInput, "id">) => void };
}) {
  const id = useId();
  const [outcome, setOutcome] = useState(intro.outcome ?? "");
  const [good, setGood] = useState(intro.outcomeGood);
  const open = ["proposed", "a_agreed", "b_agreed"].includes(intro.status);
  const label = `Introduction #${intro.number}: ${intro.a.name} and ${intro.b.name}`;
  const stepMoves = intro.allowedMoves.filter((m) => m !== "made" && m !== "declined");

  return (
    <li className="card intro" aria-label={label}>
      <div className="intro-head">
        <h3>
          <span className="muted">#{intro.number}</span>{" "}
          <Link to={`/people/${intro.a.id}`}>{intro.a.name}</Link> ↔{" "}
          <Link to={`/people/${intro.b.id}`}>{intro.b.name}</Link>
        </h3>
        <span className={`badge intro-status intro-${intro.status}`} data-testid="intro-status">
          {STATUS_WORDS[intro.status]}
        </span>
      </div>
      <Reason intro={intro} label={label} />
      <p className="muted">
        Proposed {formatDate(intro.createdAt)}
        {intro.aAgreed ? ` · ${intro.a.name} agreed` : ""}
        {intro.bAgreed ? ` · ${intro.b.name} agreed` : ""}
        {intro.madeAt ? ` · made ${formatDate(intro.madeAt)}` : ""}
        {intro.declinedAt ? ` · declined ${formatDate(intro.declinedAt)}` : ""}
      </p>

      {intro.status !== "declined" && (
        <details className="intro-messages" open={open}>
          <summary>Opt-in messages</summary>
          {!intro.aAgreed && <Message to={intro.a.name} text={intro.messages.toA} />}
          {!intro.bAgreed && <Message to={intro.b.name} text={intro.messages.toB} />}
          {intro.aAgreed && intro.bAgreed && (
            <>
              <Message to={intro.a.name} text={intro.messages.toA} />
              <Message to={intro.b.name} text={intro.messages.toB} />
            </>
          )}
        </details>
      )}

      {intro.status === "made" ? (
        <form
          className="intro-outcome"
          onSubmit={(event) => {
            event.preventDefault();
            move.mutate({ move: "made", ...(outcome.trim() ? { outcome: outcome.trim() } : {}), good });
          }}
        >
          {intro.outcome && (
            <p>
              <strong>How it went:</strong> {intro.outcome}
              {intro.outcomeGood && <span className="badge balance-giving">Good outcome</span>}
            </p>
          )}
          <label htmlFor={`${id}-outcome`}>{intro.outcome ? "Update how it went" : "How did it go?"}</label>
          <input
            id={`${id}-outcome`}
            maxLength={2000}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value)}
            placeholder="They met for coffee; Linda hired Raj's contact"
          />
          <label className="inline">
            <input type="checkbox" checked={good} onChange={(event) => setGood(event.target.checked)} />A good
            outcome (counts as a bigger give)
          </label>
          <div className="buttons">
            <button type="submit" className="secondary" disabled={move.pending}>
              Save the outcome
            </button>
          </div>
        </form>
      ) : (
        <>
          {intro.allowedMoves.includes("made") && (
            <MadeForm pending={move.pending} onMade={(input) => move.mutate({ move: "made", ...input })} />
          )}
          {intro.allowedMoves.length > 0 && (
            <div className="buttons intro-moves">
              {stepMoves.map((m) => (
                <button
                  key={m}
                  type="button"
                  className="secondary"
                  disabled={move.pending}
                  onClick={() => move.mutate({ move: m })}
                >
                  {moveLabel(m, intro)}
                </button>
              ))}
              {intro.allowedMoves.includes("declined") && (
                <button
                  type="button"
                  className="secondary quiet"
                  disabled={move.pending}
                  onClick={() => move.mutate({ move: "declined" })}
                >
                  Declined
                </button>
              )}
            </div>
          )}
        </>
      )}
      <FormError error={move.error} />
    </li>
  );
}

/**
 * Why they should meet, with its corrections: Edit the reason in place, or Delete the introduction
 * (after a question; the undo toast can bring it back).
 */
function Reason({ intro, label }: { intro: Introduction; label: string }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState(intro.reason);
  const who = `${intro.a.name} and ${intro.b.name}`;
  const focusLater = useFocusAfterRender();
  const editButton = byData("edit", intro.id);
  const save = useWrite((text: string) => api.editRecord("intro", intro.id, { reason: text }), {
    undo: () => ({
      message: `Saved the reason for introducing ${who}.`,
      refocus: editButton,
    }),
  });
  const remove = useWrite(() => api.deleteRecord("intro", intro.id), {
    optimistic: {
      key: keys.introductions,
      update: (old) => {
        const data = old as Result<"listIntroductions">;
        return { introductions: data.introductions.filter((i) => i.id !== intro.id) };
      },
    },
    undo: () => ({
      message: `Deleted introduction #${intro.number}: ${who}.`,
      refocus: editButton,
    }),
  });
  const errorId = `${id}-reason-error`;
  const onReason = errorField(save.error) === "reason";

  if (editing)
    return (
      <form
        className="intro-reason-edit"
        aria-label={`Edit the reason for ${label}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === intro.reason) {
            setEditing(false);
            focusLater(editButton);
            return;
          }
          save.mutate(reason.trim(), {
            onSuccess: () => {
              setEditing(false);
              focusLater(editButton);
            },
          });
        }}
      >
        <ReasonField
          id={`${id}-reason`}
          value={reason}
          onChange={setReason}
          // autofocus: opened by the user's Edit, where the eye already is
          textarea={{
            "aria-invalid": onReason || undefined,
            "aria-describedby": onReason ? errorId : undefined,
            autoFocus: true,
          }}
        />
        {onReason ? <FieldError id={errorId} error={save.error} /> : <FormError error={save.error} />}
        <FormActions
          className="buttons"
          submit="Save the reason"
          busy={save.isPending}
          onCancel={() => {
            setEditing(false);
            setReason(intro.reason);
            focusLater(editButton);
          }}
        />
      </form>
    );
  return (
    <>
      <p className="intro-reason">{intro.reason}</p>
      {confirming ? (
        <div className="confirm danger-zone" role="alertdialog" aria-label="Delete this introduction?">
          <p>
            Delete introduction #{intro.number} between {who}? If it was made, the give it counted goes too.
            You can undo it right after.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
                focusLater(byData("delete", intro.id));
              }}
              // biome-ignore lint/a11y/noAutofocus: the question needs an answer; Keep is the safe one
              autoFocus
            >
              Keep it
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                // the card leaves: the keyboard's focus goes to the page's heading
                requestAnimationFrame(() => document.querySelector<HTMLElement>("h1")?.focus());
                remove.mutate(undefined);
              }}
            >
              Delete
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons intro-corrections">
          <button
            type="button"
            className="link"
            data-edit={intro.id}
            aria-label={`Edit the reason for ${label}`}
            onClick={() => {
              setReason(intro.reason);
              setEditing(true);
            }}
          >
            Edit the reason
          </button>
          <button
            type="button"
            className="link danger-link"
            data-delete={intro.id}
            aria-label={`Delete ${label}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </div>
      )}
      <FormError error={remove.error} />
    </>
  );
}

/** "Introduced them", with an optional outcome and a good flag, for an agreed introduction. */
function MadeForm({
  pending,
  onMade,
}: {
  pending: boolean;
  onMade: (input: { outcome?: string; good?: boolean }) => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState("");
  const [good, setGood] = useState(false);
  return (
    <form
      className="intro-made"
      onSubmit={(event) => {
        event.preventDefault();
        onMade({ ...(outcome.trim() ? { outcome: outcome.trim() } : {}), ...(good ? { good } : {}) });
      }}
    >
      <label htmlFor={`${id}-outcome`}>Outcome, if you know it already (optional)</label>
      <input
        id={`${id}-outcome`}
        maxLength={2000}
        value={outcome}
        onChange={(event) => setOutcome(event.target.value)}
      />
      <label className="inline">
        <input type="checkbox" checked={good} onChange={(event) => setGood(event.target.checked)} />A good
        outcome
      </label>
      <button type="submit" disabled={pending}>
        Introduced them
      </button>
    </form>
  );
}

function Message({ to, text }: { to: string; text: string }) {
  return (
    <div className="intro-message">
      <p className="muted">To {to}</p>
      <blockquote>{text}</blockquote>
      <CopyButton text={text} label={`Copy the message to ${to}`} />
    </div>
  );
}

function ProposeForm() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const aParam = params.get("a");
  const bParam = params.get("b");
  const [a, setA] = useState<PickedPerson | null>(null);
  const [b, setB] = useState<PickedPerson | null>(null);
  // Today's "Introduce" carries the matched reason; the user may reword it before proposing.
  const [reason, setReason] = useState(params.get("reason") ?? "");
  const [done, setDone] = useState<string | null>(null);

  // Today's "Introduce" links here with both ids: show their names in the pickers.
  const prefillA = useQuery({
    queryKey: ["person", aParam],
    queryFn: () => api.getPerson(aParam as string),
    enabled: !!aParam,
  });
  const prefillB = useQuery({
    queryKey: ["person", bParam],
    queryFn: () => api.getPerson(bParam as string),
    enabled: !!bParam,
  });
  useEffect(() => {
    if (prefillA.data) setA({ id: prefillA.data.id, name: prefillA.data.name });
  }, [prefillA.data]);
  useEffect(() => {
    if (prefillB.data) setB({ id: prefillB.data.id, name: prefillB.data.name });
  }, [prefillB.data]);

  const propose = useWrite(
    (input: { a: PickedPerson | null; b: PickedPerson | null; reason: string }) => {
      if (!input.a || !input.b)
        throw new Error("Choose both people: type part of a name in each box and pick one.");
      return api.introduce({ aId: input.a.id, bId: input.b.id, reason: input.reason });
    },
    {
      onSuccess: (result) => {
        const i = result.introduction;
        setDone(`Proposed #${i.number}: ${i.a.name} and ${i.b.name}. Send each side its message below.`);
        setA(null);
        setB(null);
        setReason("");
        if (aParam || bParam) setParams({}, { replace: true });
      },
    },
  );

  return (
    <form
      className="card intro-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        propose.mutate({ a, b, reason: reason.trim() });
      }}
    >
      <h2 id={`${id}-title`}>Propose an introduction</h2>
      <FormError error={prefillA.error ?? prefillB.error} />
      <div className="row">
        <PersonPicker label="Introduce" value={a} onChange={setA} exclude={b ? [b.id] : []} />
        <PersonPicker label="To" value={b} onChange={setB} exclude={a ? [a.id] : []} />
      </div>
      <ReasonField
        id={`${id}-reason`}
        value={reason}
        onChange={setReason}
        textarea={{ placeholder: "Linda is hiring a designer; Sofía knows the best freelancers in town" }}
      />
      <FormError error={propose.error} />
      {done && (
        <p className="intro-done" role="status">
          {done}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={propose.isPending}>
          {propose.isPending ? "Proposing…" : "Propose"}
        </button>
      </div>
    </form>
  );
}

/** Why two people should meet: asked when proposing an introduction and when rewording it. */
function ReasonField({
  id,
  value,
  onChange,
  textarea,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  textarea?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}) {
  return (
    <>
      <label htmlFor={id}>Why they should meet</label>
      <textarea
        id={id}
        required
        maxLength={LIMITS.reason}
        rows={2}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...textarea}
      />
    </>
  );
}
