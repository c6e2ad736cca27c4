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
const FIRST = 30;
const MOST = 200;

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

  // 30 hits, then more on request; a new query starts at 30 again
  const [asked, setAsked] = useState({ q, limit: FIRST });
  const limit = asked.q === q ? asked.limit : FIRST;
  const results = useQuery({
    queryKey: ["search", q, limit],
    queryFn: ({ signal }) => api.search(q, limit, signal),
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
            {results.data.more ? ` (the best ${results.data.results.length})` : ""}
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
          {results.data.more && (
            <p className="muted search-more">
              {limit < MOST ? (
                <button
                  type="button"
                  className="secondary"
                  // not disabled while loading: that would drop the keyboard's focus
                  aria-busy={results.isFetching}
                  onClick={() => setAsked({ q, limit: limit === FIRST ? 100 : MOST })}
                >
                  Show more results
                </button>
              ) : (
                `These are the best ${MOST}: add a word to find the others.`
              )}
            </p>
          )}
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
