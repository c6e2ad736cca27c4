/**
 * Possible duplicates (issue 10 §4): pairs of people who may be one person twice — the same email or
 * phone, or names alike — each with why, a merge that asks first which record is kept, and "Not the
 * same person", after which the pair is not shown again. Reached from People.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, type Result } from "../api/client";
import { useWrite } from "../api/hooks";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import { useTitle } from "../components/title";
import "./duplicates.css";

type Pair = Result<"duplicates">["pairs"][number];
type Someone = Pair["a"];

/** Where they work and how to reach them: what tells two records of one name apart. */
function about(p: Someone): string {
  return [p.organization, p.department, p.email ?? p.phone].filter(Boolean).join(" · ");
}

export function Duplicates() {
  useTitle("Possible duplicates");
  const found = useQuery({ queryKey: ["people", "duplicates"], queryFn: () => api.duplicates() });
  return (
    <section className="duplicates">
      <header className="screen-head people-head">
        <div>
          <p className="muted">
            <Link to="/people">People</Link> ›
          </p>
          <h1>Possible duplicates</h1>
          <p className="muted">
            People who may be one person twice: the same email or phone, or names alike. A merge keeps one
            record and moves everything of the other into it.
          </p>
        </div>
      </header>
      {found.isPending ? (
        <Loading what="Looking for duplicates" />
      ) : found.isError ? (
        <ErrorState error={found.error} retry={() => void found.refetch()} />
      ) : found.data.pairs.length === 0 ? (
        <Empty>
          <p>No likely duplicates: nobody shares an email or a phone, and no two names are alike.</p>
        </Empty>
      ) : (
        <>
          <p className="muted">
            {found.data.total === 1 ? "1 pair" : `${found.data.total.toLocaleString()} pairs`}, the likeliest
            first
            {found.data.total > found.data.pairs.length
              ? ` (the first ${found.data.pairs.length} shown)`
              : ""}
            .
          </p>
          <ul className="card duplicate-list" aria-label="Possible duplicates">
            {found.data.pairs.map((pair) => (
              <PairRow key={`${pair.a.id} ${pair.b.id}`} pair={pair} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PairRow({ pair }: { pair: Pair }) {
  const [confirming, setConfirming] = useState(false);
  // The older record (b) is kept unless the user turns it round.
  const [keepA, setKeepA] = useState(false);
  const kept = keepA ? pair.a : pair.b;
  const gone = keepA ? pair.b : pair.a;
  const merge = useWrite(() => api.mergePeople(gone.id, kept.id));
  const distinct = useWrite(() => api.markDistinct(pair.a.id, pair.b.id));
  const label = `${pair.a.name} and ${pair.b.name}`;
  return (
    <li aria-label={label}>
      <div className="duplicate-people">
        {[pair.a, pair.b].map((p) => (
          <div key={p.id}>
            <Link to={`/people/${p.id}`} className="name">
              {p.name}
            </Link>
            {about(p) && <p className="muted">{about(p)}</p>}
          </div>
        ))}
      </div>
      <p className="duplicate-reasons">
        {pair.reasons.map((r) => r.text).join(" · ")}{" "}
        <span className="muted">(likelihood {Math.round(pair.score * 100)}%)</span>
      </p>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label={`Confirm merging ${label}`}>
          <p>
            Keep <strong>{kept.name}</strong>
            {about(kept) ? ` (${about(kept)})` : ""}. Everything about {gone.name}
            {about(gone) ? ` (${about(gone)})` : ""} — moments, ledger, asks, promises, notes and contact
            details — moves to {kept.name}, and that record is removed.
          </p>
          <FormError error={merge.error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep both
            </button>
            <button type="button" className="secondary" onClick={() => setKeepA((k) => !k)}>
              Keep {gone.name} instead
            </button>
            <button type="button" disabled={merge.isPending} onClick={() => merge.mutate(undefined)}>
              {merge.isPending ? "Merging…" : `Merge into ${kept.name}`}
            </button>
          </div>
        </div>
      ) : (
        <>
          <FormError error={distinct.error} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={distinct.isPending}
              onClick={() => distinct.mutate(undefined)}
            >
              {distinct.isPending ? "Saving…" : "Not the same person"}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              Merge…
            </button>
          </div>
        </>
      )}
    </li>
  );
}
