/**
 * One person (DESIGN §4.3): profile, quick actions, the giving balance with its curve, strength
 * explained part by part, due status, needs and offers, ways to help first and the timeline.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../api/client";
import { useWrite } from "../api/hooks";
import { Avatar } from "../components/avatar";
import { BalanceBadge, DueBadge, dueReason, formatDate, occasionText } from "../components/badges";
import { QuickLog } from "../components/quick-log";
import { ErrorState, FormError, Loading } from "../components/states";
import { QuickActions } from "./person/actions";
import { BalanceCard } from "./person/balance";
import { EditPersonDetails, PersonDetailsCard } from "./person/details";
import { ManagePerson } from "./person/manage";
import { NeedsOffers, PersonSuggestions } from "./person/needs-offers";
import { editsOverview, type Overview, personKeys } from "./person/overview";
import { Timeline } from "./person/timeline";
import "./person.css";
import { useTitle } from "../components/title";

export function Person() {
  const { id = "" } = useParams();
  const overview = useQuery({ queryKey: personKeys.overview(id), queryFn: () => api.show(id) });
  useTitle(overview.data?.person.name ?? "Person");
  if (overview.isPending) return <Loading what="Reading this relationship" />;
  if (overview.isError) {
    if (overview.error instanceof ApiError && overview.error.status === 404) return <NoSuchPerson />;
    return <ErrorState error={overview.error} retry={() => void overview.refetch()} />;
  }
  // A new key per person: moving from one person to another starts with closed forms.
  return <PersonScreen key={id} overview={overview.data} overviewAt={overview.dataUpdatedAt} />;
}

function NoSuchPerson() {
  return (
    <section className="state state-empty" aria-labelledby="gone-title">
      <h1 id="gone-title">No such person</h1>
      <p>Nobody in your store has this address: they may have been deleted or merged into someone else.</p>
      <Link className="button" to="/people">
        Back to People
      </Link>
    </section>
  );
}

function PersonScreen({ overview, overviewAt }: { overview: Overview; overviewAt: number }) {
  const { person } = overview;
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);
  // the quick log starts with this person; others of the moment can be added
  const withThem = useMemo(() => [{ id: person.id, name: person.name }], [person.id, person.name]);
  const place = [person.title, person.organization, person.department].filter(Boolean).join(" · ");
  return (
    <article className="person" aria-labelledby="person-name">
      <header className="screen-head">
        <p className="muted crumbs">
          <Link to="/people">People</Link> /
        </p>
        <h1 id="person-name" className="with-avatar">
          <Avatar id={person.id} name={person.name} size="large" /> <span>{person.name}</span>
        </h1>
        {place && <p className="muted">{place}</p>}
        <p className="person-badges">
          <DueBadge due={overview.due} /> <BalanceBadge balance={overview.balance} />{" "}
          <span className="badge">Strength {Math.round(overview.strength.score)}</span>
          {person.archived && <span className="badge">Archived</span>}
        </p>
        <p className="person-head-actions">
          <button type="button" onClick={() => setLogging(true)}>
            Log a moment
          </button>
        </p>
      </header>
      <QuickLog open={logging} onClose={() => setLogging(false)} people={withThem} />

      <QuickActions personId={person.id} name={person.name} />

      <div className="person-grid">
        <div className="person-col">
          <BalanceCard personId={person.id} balance={overview.balance} />
          <Strength strength={overview.strength} />
          <DueCard overview={overview} />
          <PersonSuggestions personId={person.id} />
        </div>
        <div className="person-col">
          {editing ? (
            <EditPersonDetails person={person} onDone={() => setEditing(false)} />
          ) : (
            <PersonDetailsCard person={person} onEdit={() => setEditing(true)} />
          )}
          <OpenItems overview={overview} />
          <NeedsOffers overview={overview} />
        </div>
      </div>

      <Timeline overview={overview} overviewAt={overviewAt} />
      <ManagePerson personId={person.id} name={person.name} />
    </article>
  );
}

const PART_MAX = { recency: 30, frequency: 25, depth: 30, reciprocity: 15 } as const;
const PART_WORDS = {
  recency: "Recency",
  frequency: "Frequency",
  depth: "Depth",
  reciprocity: "Reciprocity",
} as const;

function Strength({ strength }: { strength: Overview["strength"] }) {
  const parts = Object.keys(PART_MAX) as (keyof typeof PART_MAX)[];
  return (
    <section className="card" aria-labelledby="strength-title">
      <h2 id="strength-title">
        Strength <span className="strength-score">{Math.round(strength.score)}</span>
        <span className="muted"> of 100</span>
      </h2>
      <ul className="strength-parts">
        {parts.map((part) => (
          <li key={part}>
            <span className="strength-name">{PART_WORDS[part]}</span>
            <meter
              min={0}
              max={PART_MAX[part]}
              value={strength.parts[part]}
              aria-label={`${PART_WORDS[part]} points`}
            />
            <span className="muted">
              {strength.parts[part].toFixed(1)} of {PART_MAX[part]}
            </span>
          </li>
        ))}
      </ul>
      <ul className="explanation">
        {strength.explanation.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  );
}

function DueCard({ overview }: { overview: Overview }) {
  const { due, occasion, thanksOwedText } = overview;
  return (
    <section className="card" aria-labelledby="due-title">
      <h2 id="due-title">
        Keeping in touch <DueBadge due={due} />
      </h2>
      <p>{dueReason(due)}.</p>
      {due.overdueRatio !== null && due.overdueRatio >= 1 && (
        <p className="muted">
          {due.overdueRatio >= 8
            ? "Eight rhythms or more have passed."
            : `It has been ${due.overdueRatio.toFixed(1)} times the usual gap since you were in touch.`}
        </p>
      )}
      {thanksOwedText && <p className="idea">{thanksOwedText}</p>}
      {occasion && <p className="idea">{occasionText(occasion)}</p>}
    </section>
  );
}

/** Open asks and promises, each settled here in one click (an undated promise never reaches Today). */
function OpenItems({ overview }: { overview: Overview }) {
  const id = overview.person.id;
  const settle = useWrite(
    (item: {
      kind: "ask-fulfilled" | "ask-withdrawn" | "promise";
      id: string;
      summary: string;
    }): Promise<object> =>
      item.kind === "promise"
        ? api.completePromise(item.id)
        : item.kind === "ask-fulfilled"
          ? api.fulfillAsk(item.id)
          : api.closeAsk(item.id, "withdrawn"),
    {
      undo: (_, item) =>
        item.kind === "promise"
          ? `Done: ${item.summary}.`
          : item.kind === "ask-fulfilled"
            ? `They helped: ${item.summary}.`
            : `Withdrawn: ${item.summary}.`,
      optimistic: editsOverview(id, (old, item: { id: string }) => ({
        ...old,
        openAsks: old.openAsks.filter((a) => a.id !== item.id),
        commitments: old.commitments.filter((c) => c.id !== item.id),
      })),
    },
  );
  if (overview.openAsks.length === 0 && overview.commitments.length === 0) return null;
  return (
    <section className="card" aria-labelledby="open-title">
      <h2 id="open-title">Open asks and promises</h2>
      <FormError error={settle.error} />
      <ul className="rows compact">
        {overview.openAsks.map((a) => (
          <li key={a.id}>
            <div className="row-main">
              <span className="badge type-ask">Ask</span> {a.summary}
              <p className="muted">Asked {formatDate(a.askedAt)}</p>
            </div>
            <div className="buttons">
              <button
                type="button"
                className="secondary"
                onClick={() => settle.mutate({ kind: "ask-fulfilled", id: a.id, summary: a.summary })}
              >
                They helped
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => settle.mutate({ kind: "ask-withdrawn", id: a.id, summary: a.summary })}
              >
                Withdraw
              </button>
            </div>
          </li>
        ))}
        {overview.commitments.map((c) => (
          <li key={c.id}>
            <div className="row-main">
              <span className="badge type-promise">
                {c.direction === "i_owe" ? "I promised" : "They promised"}
              </span>{" "}
              {c.summary} {c.late && <span className="badge late">Late</span>}
              {c.dueOn && <p className="muted">Due {formatDate(c.dueOn)}</p>}
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => settle.mutate({ kind: "promise", id: c.id, summary: c.summary })}
            >
              Done
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
