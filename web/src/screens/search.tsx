/**
 * Search: everything written down — people, notes, moments, ledger entries, asks, promises, needs
 * and offers — by its words, accents and case folded, each word as a prefix. The query lives in the
 * address; each hit shows whose it is and an excerpt with the matched words marked.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type Result } from "../api/client";
import { count, formatDate } from "../components/badges";
import { Empty, ErrorState } from "../components/states";
import { useTitle } from "../components/title";
import "./search.css";

const DEBOUNCE_MS = 200;
const MAX_QUERY = 500;

type Hit = Result<"search">["results"][number];

export function Search() {
  const [params, setParams] = useSearchParams();
  // what the box and the server take (a longer query can only arrive through the address)
  const q = (params.get("q") ?? "").trim().slice(0, MAX_QUERY);
  useTitle(q ? `Search: ${q}` : "Search");
  const id = useId();

  // What is typed shows at once; the address (and so the request) follows after a short pause.
  const [typed, setTyped] = useState(q);
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = setTimeout(
      () => setParams(typed.trim() ? { q: typed.trim() } : {}, { replace: true }),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [typed, q, setParams]);
  // Back and forward change the address: the box follows.
  useEffect(() => setTyped((old) => (old.trim() === q ? old : q)), [q]);

  const results = useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => api.search(q, signal),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });

  return (
    <section className="search">
      <header className="screen-head">
        <h1>Search</h1>
        <p className="muted">
          People, notes, moments, ledger entries, asks, promises, needs and offers, by their words.
        </p>
      </header>
      <search>
        <form
          className="card search-box"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(typed.trim() ? { q: typed.trim() } : {}, { replace: true });
          }}
        >
          <label htmlFor={`${id}-q`}>Search everything</label>
          <input
            id={`${id}-q`}
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            maxLength={MAX_QUERY}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the screen exists to type into this box
            autoFocus
            placeholder="password, Zürich, lunch…"
          />
        </form>
      </search>
      {q === "" ? (
        <p className="muted">Type a word or the start of one: “zur” finds Zürich.</p>
      ) : results.isError ? (
        <ErrorState error={results.error} retry={() => void results.refetch()} />
      ) : results.data === undefined ? (
        <p className="muted" aria-live="polite">
          Searching…
        </p>
      ) : results.data.results.length === 0 ? (
        <Empty>
          <p>Nothing found for “{results.data.query}”.</p>
        </Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {count(results.data.results.length, "result", "results")}
            {results.data.results.length === 30 ? " (the best 30)" : ""}
            {results.isFetching ? " · updating…" : ""}
          </p>
          <div className="card">
            <ul className="rows" aria-label="Results">
              {results.data.results.map((hit) => (
                <li key={`${hit.kind}:${hit.id}`}>
                  <SearchHit hit={hit} />
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </section>
  );
}

function SearchHit({ hit }: { hit: Hit }) {
  return (
    <div className="row-main">
      <p className="search-whose">
        <span className="badge">{hit.label}</span>{" "}
        {hit.person ? (
          <Link to={`/people/${hit.person.id}`} className="name">
            {hit.person.name}
          </Link>
        ) : hit.department ? (
          <Link
            to={`/people?${new URLSearchParams({
              dept: hit.department.name,
              ...(hit.department.organization ? { org: hit.department.organization } : {}),
            })}`}
            className="name"
          >
            {hit.department.name}
            {hit.department.organization ? ` (${hit.department.organization})` : ""}
          </Link>
        ) : null}
        {hit.at && <span className="muted"> · {formatDate(hit.at)}</span>}
      </p>
      <p className="search-snippet">
        {hit.parts.map((part, i) =>
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one excerpt never move
          part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        )}
      </p>
    </div>
  );
}
