/**
 * People (DESIGN §4.3): everyone, searched as you type and narrowed by organization, department, tag,
 * due status and balance label, sorted on the server. The filters live in the address, so a reload or
 * the back button keeps them. The list is virtual: only the rows on screen exist, and pages of 200
 * people are fetched where the window comes to rest, so 10,000 people scroll like 10. Shown as a
 * list or as a compact table (remembered on the device); the people selected are tagged, put in a
 * circle, given a rhythm or deleted at once (people/bulk-bar.tsx).
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { LIMITS } from "../../../src/domain/limits.js";
import type { PeopleSort } from "../../../src/service/goodwill-service.js";
import { ApiError, api } from "../api/client";
import { useWrite } from "../api/hooks";
import { fieldErrors } from "../components/fields";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import "./people.css";
import { useTitle } from "../components/title";
import { BulkBar } from "./people/bulk-bar";
import { type ListRequest, pageQuery } from "./people/pages";
import { PeopleRows, type PeopleView } from "./people/rows";
import { useSelection } from "./people/selection";

const DEBOUNCE_MS = 150;
const LABELS = ["overdrawn", "balanced", "giving", "untracked"] as const;
const SORTS: { value: PeopleSort; label: string }[] = [
  { value: "name", label: "Name" },
  { value: "due", label: "Most pressing" },
  { value: "balance", label: "Most overdrawn" },
  { value: "lastContact", label: "Longest without contact" },
];
/** the text filters, typed freely and sent after a pause */
const TYPED = ["q", "org", "dept", "tag"] as const;
type Typed = (typeof TYPED)[number];

interface Filter {
  q: string;
  org: string;
  dept: string;
  tag: string;
  due: boolean;
  label: string;
  sort: PeopleSort;
  order: "asc" | "desc";
}

function readFilter(params: URLSearchParams): Filter {
  const sort = params.get("sort");
  const label = params.get("label") ?? "";
  return {
    q: params.get("q") ?? "",
    org: params.get("org") ?? "",
    dept: params.get("dept") ?? "",
    tag: params.get("tag") ?? "",
    due: params.get("due") === "true",
    label: (LABELS as readonly string[]).includes(label) ? label : "",
    sort: SORTS.some((s) => s.value === sort) ? (sort as PeopleSort) : "name",
    order: params.get("order") === "desc" ? "desc" : "asc",
  };
}

function isFiltered(filter: Filter): boolean {
  return !!(filter.q || filter.org || filter.dept || filter.tag || filter.due || filter.label);
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function People() {
  useTitle("People");
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const id = useId();

  // What is typed shows at once; the address (and so the request) follows after a short pause.
  const [typed, setTyped] = useState<Record<Typed, string>>(() => ({
    q: filter.q,
    org: filter.org,
    dept: filter.dept,
    tag: filter.tag,
  }));
  const settled = useDebounced(typed, DEBOUNCE_MS);
  const lastPushed = useRef(settled);
  useEffect(() => {
    if (lastPushed.current === settled) return;
    lastPushed.current = settled;
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const key of TYPED) {
          if (settled[key].trim()) next.set(key, settled[key].trim());
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }, [settled, setParams]);
  // Back/forward or a cleared filter changes the address: the inputs follow it.
  const addressTyped = `${filter.q}\n${filter.org}\n${filter.dept}\n${filter.tag}`;
  useEffect(() => {
    const [q = "", org = "", dept = "", tag = ""] = addressTyped.split("\n");
    setTyped((old) =>
      [old.q.trim(), old.org.trim(), old.dept.trim(), old.tag.trim()].join("\n") === addressTyped
        ? old
        : { q, org, dept, tag },
    );
  }, [addressTyped]);

  function setChoice(key: "due" | "label" | "sort" | "order", value: string) {
    setParams((old) => {
      const next = new URLSearchParams(old);
      const isDefault =
        value === "" || (key === "sort" && value === "name") || (key === "order" && value === "asc");
      if (isDefault) next.delete(key);
      else next.set(key, value);
      return next;
    });
  }

  function clearFilters() {
    setTyped({ q: "", org: "", dept: "", tag: "" });
    setParams((old) => {
      const next = new URLSearchParams();
      for (const key of ["sort", "order"]) {
        const value = old.get(key);
        if (value) next.set(key, value);
      }
      return next;
    });
  }

  const suggestions = useFilterSuggestions(typed.org);
  return (
    <section className="people">
      <header className="screen-head people-head">
        <div>
          <h1>People</h1>
          <p className="muted">Search, narrow and sort everyone you know.</p>
        </div>
        <div className="people-head-actions">
          <Link to="/people/duplicates">Possible duplicates</Link>
          <AddPerson />
        </div>
      </header>

      <search aria-label="Find people">
        <form className="card people-filters" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={`${id}-q`}>Search by name</label>
          <input
            id={`${id}-q`}
            type="search"
            autoComplete="off"
            placeholder="Type part of a name"
            value={typed.q}
            onChange={(e) => setTyped((t) => ({ ...t, q: e.target.value }))}
          />
          <div className="row">
            <div>
              <label htmlFor={`${id}-org`}>Organization</label>
              <input
                id={`${id}-org`}
                list={`${id}-orgs`}
                autoComplete="off"
                value={typed.org}
                onChange={(e) => setTyped((t) => ({ ...t, org: e.target.value }))}
              />
              <datalist id={`${id}-orgs`}>
                {suggestions.organizations.map((o) => (
                  <option key={o.name} value={o.name} label={o.label} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor={`${id}-dept`}>Department</label>
              <input
                id={`${id}-dept`}
                list={`${id}-depts`}
                autoComplete="off"
                value={typed.dept}
                onChange={(e) => setTyped((t) => ({ ...t, dept: e.target.value }))}
              />
              <datalist id={`${id}-depts`}>
                {suggestions.departments.map((d) => (
                  <option key={d.name} value={d.name} label={d.label} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor={`${id}-tag`}>Tag</label>
              <input
                id={`${id}-tag`}
                list={`${id}-tags`}
                autoComplete="off"
                value={typed.tag}
                onChange={(e) => setTyped((t) => ({ ...t, tag: e.target.value }))}
              />
              <datalist id={`${id}-tags`}>
                {suggestions.tags.map((t) => (
                  <option key={t.name} value={t.name} label={t.label} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor={`${id}-label`}>Balance</label>
              <select
                id={`${id}-label`}
                value={filter.label}
                onChange={(e) => setChoice("label", e.target.value)}
              >
                <option value="">Any balance</option>
                <option value="overdrawn">Overdrawn</option>
                <option value="balanced">Balanced</option>
                <option value="giving">Giving</option>
                <option value="untracked">Not tracked</option>
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-sort`}>Sort by</label>
              <select
                id={`${id}-sort`}
                value={filter.sort}
                onChange={(e) => setChoice("sort", e.target.value)}
              >
                {SORTS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-order`}>Order</label>
              <select
                id={`${id}-order`}
                value={filter.order}
                onChange={(e) => setChoice("order", e.target.value)}
              >
                <option value="asc">As sorted</option>
                <option value="desc">Reversed</option>
              </select>
            </div>
          </div>
          <div className="people-filter-foot">
            <label className="check">
              <input
                type="checkbox"
                checked={filter.due}
                onChange={(e) => setChoice("due", e.target.checked ? "true" : "")}
              />
              Only people due for attention
            </label>
            {isFiltered(filter) && (
              <button type="button" className="secondary" onClick={clearFilters}>
                Clear filters
              </button>
            )}
          </div>
        </form>
      </search>

      <PeopleList filter={filter} clearFilters={clearFilters} />
    </section>
  );
}

/** Lower case without accents: how the server compares names, so the suggestions agree with it. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .trim();
}

const howMany = (n: number) => (n === 1 ? "1 person" : `${n.toLocaleString()} people`);

interface Suggestion {
  name: string;
  /** what the browser shows beside the name: how many people */
  label: string;
}

/**
 * What the Organization, Department and Tag filters offer to pick from, each with how many people
 * it holds; the departments are those of the organizations the typed text matches (part of the
 * name, as the filter matches). Typing stays free: a name not offered still filters.
 */
function useFilterSuggestions(typedOrg: string): {
  organizations: Suggestion[];
  departments: Suggestion[];
  tags: Suggestion[];
} {
  const organizations = useQuery({
    queryKey: ["organizations"],
    queryFn: api.listOrganizations,
    staleTime: 60_000,
  });
  const tags = useQuery({ queryKey: ["tags"], queryFn: api.listTags, staleTime: 60_000 });
  return useMemo(() => {
    const all = organizations.data?.organizations ?? [];
    const orgKey = fold(typedOrg);
    const departments = new Map<string, number>();
    for (const o of all) {
      if (orgKey && !fold(o.name).includes(orgKey)) continue;
      for (const d of o.departments) departments.set(d.name, (departments.get(d.name) ?? 0) + d.people);
    }
    return {
      organizations: all.map((o) => ({
        name: o.name,
        label: `${howMany(o.people)}${o.mine ? ", mine" : ""}`,
      })),
      departments: [...departments]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, people]) => ({ name, label: howMany(people) })),
      tags: (tags.data?.tags ?? []).map((t) => ({ name: t.name, label: howMany(t.people) })),
    };
  }, [organizations.data, tags.data, typedOrg]);
}

const VIEW_KEY = "goodwill.people.view";

/** List or table, as last chosen on this device. */
function useRememberedView(): [PeopleView, (view: PeopleView) => void] {
  const [view, setView] = useState<PeopleView>(() => {
    try {
      return localStorage.getItem(VIEW_KEY) === "table" ? "table" : "list";
    } catch {
      return "list"; // storage refused (a private window): the list, every time
    }
  });
  const choose = (next: PeopleView) => {
    setView(next);
    try {
      localStorage.setItem(VIEW_KEY, next);
    } catch {
      // not remembered, still shown
    }
  };
  return [view, choose];
}

function PeopleList({ filter, clearFilters }: { filter: Filter; clearFilters: () => void }) {
  const request: ListRequest = {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.org ? { organization: filter.org } : {}),
    ...(filter.dept ? { department: filter.dept } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(filter.due ? { due: true } : {}),
    ...(filter.label ? { label: filter.label } : {}),
    sort: filter.sort,
    order: filter.order,
  };
  // The first page says how many there are; the list fetches the other pages where the window rests.
  const first = useQuery({ ...pageQuery(request, 0), placeholderData: (previous) => previous });
  const total = first.data?.total ?? 0;
  const [view, setView] = useRememberedView();
  const selection = useSelection(request, total);

  if (first.isPending) return <Loading what="Finding people" />;
  if (first.isError && !first.data)
    return <ErrorState error={first.error} retry={() => void first.refetch()} />;
  if (total === 0) {
    if (isFiltered(filter))
      return (
        <Empty>
          <p>No one matches these filters.</p>
          <button type="button" onClick={clearFilters}>
            Clear filters
          </button>
        </Empty>
      );
    return (
      <Empty>
        <p>
          You have no people yet. <Link to="/">Start on Today</Link> with the demo story or a first person, or
          bring your address book from <Link to="/import">Import / Export</Link>.
        </p>
      </Empty>
    );
  }
  const tooMany = total > LIMITS.bulkPeople;
  const all = selection.size === total;
  return (
    <>
      <div className="people-toolbar">
        <label
          className="check select-all"
          title={tooMany ? "Narrow the list to select everyone in it" : undefined}
        >
          <input
            type="checkbox"
            checked={all}
            ref={(box) => {
              if (box) box.indeterminate = selection.size > 0 && !all;
            }}
            disabled={tooMany || selection.pending}
            onChange={(e) => (e.target.checked ? void selection.selectAll() : selection.clear())}
          />
          {total === 1 ? "Select the 1 person" : `Select all ${total.toLocaleString()}`}
        </label>
        <p className="muted people-count" aria-live="polite">
          {total === 1 ? "1 person" : `${total.toLocaleString()} people`}
          {first.isFetching ? " · updating…" : ""}
          {tooMany ? ` · narrow to ${LIMITS.bulkPeople.toLocaleString()} or fewer to select them all` : ""}
        </p>
        <fieldset className="view-switch">
          <legend className="visually-hidden">Show as</legend>
          {(["list", "table"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={view === v ? "" : "secondary"}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === "list" ? "List" : "Table"}
            </button>
          ))}
        </fieldset>
      </div>
      {selection.size > 0 && <BulkBar selection={selection} total={total} />}
      <PeopleRows view={view} request={request} total={total} selection={selection} />
    </>
  );
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The people an add was refused for (possible_duplicate), or null. */
function duplicateCandidates(error: unknown): DuplicateCandidate[] | null {
  if (!(error instanceof ApiError) || error.code !== "possible_duplicate") return null;
  const candidates = error.details?.candidates;
  return Array.isArray(candidates) ? (candidates as DuplicateCandidate[]) : null;
}

interface DuplicateCandidate {
  id: string;
  name: string;
  organization: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
}

function AddPerson() {
  const id = useId();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({ name: "", organization: "", department: "", email: "", tags: "" });
  const add = useWrite(
    ({ allowDuplicate }: { allowDuplicate: boolean }) =>
      api.addPerson({
        allowDuplicate,
        name: form.name.trim(),
        ...(form.organization.trim() ? { organization: form.organization.trim() } : {}),
        ...(form.department.trim() ? { department: form.department.trim() } : {}),
        ...(form.email.trim() ? { emails: [form.email.trim()] } : {}),
        ...(splitList(form.tags).length > 0 ? { tags: splitList(form.tags) } : {}),
      }),
    {
      onSuccess: (person) => {
        dialog.current?.close();
        navigate(`/people/${person.id}`);
      },
    },
  );
  const errors = fieldErrors(add.error, id);
  /** The server names the list ("emails"); this form asks for one email. */
  const serverName = (key: keyof typeof form) => (key === "email" ? "emails" : key);
  const field = (key: keyof typeof form) => ({
    id: `${id}-${key}`,
    ...errors.input(serverName(key)),
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setForm((f) => ({ ...f, [key]: e.target.value }));
      // What was typed changed: the warning was about something else.
      if (add.error) add.reset();
    },
  });
  const candidates = duplicateCandidates(add.error);
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Add a person
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ allowDuplicate: false });
          }}
        >
          <h2 id={`${id}-title`}>Add a person</h2>
          <label htmlFor={`${id}-name`}>Name</label>
          <input {...field("name")} required maxLength={LIMITS.name} autoComplete="off" />
          {errors.message("name")}
          <div className="row">
            <div>
              <label htmlFor={`${id}-organization`}>Organization (optional)</label>
              <input {...field("organization")} maxLength={LIMITS.name} autoComplete="off" />
              {errors.message("organization")}
            </div>
            <div>
              <label htmlFor={`${id}-department`}>Department (optional)</label>
              <input {...field("department")} maxLength={LIMITS.name} autoComplete="off" />
              {errors.message("department")}
            </div>
          </div>
          <label htmlFor={`${id}-email`}>Email (optional)</label>
          <input {...field("email")} type="email" maxLength={LIMITS.email} autoComplete="off" />
          {errors.message("emails")}
          <label htmlFor={`${id}-tags`}>Tags (optional, separated by commas)</label>
          <input {...field("tags")} maxLength={1000} autoComplete="off" placeholder="mentor, conference" />
          {errors.message("tags")}
          {candidates ? (
            <div className="duplicate-warning" role="alert">
              <p>
                {candidates.length === 1
                  ? "You may have this person already:"
                  : "You may have this person already, as one of these:"}
              </p>
              <ul>
                {candidates.map((c) => (
                  <li key={c.id}>
                    {c.name}
                    {[c.organization, c.department, c.email ?? c.phone].some(Boolean)
                      ? ` (${[c.organization, c.department, c.email ?? c.phone].filter(Boolean).join(", ")})`
                      : ""}{" "}
                    <Link to={`/people/${c.id}`} onClick={() => dialog.current?.close()}>
                      Open {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <FormError
              error={add.error}
              shownBeside={errors.beside(["name", "organization", "department", "emails", "tags"])}
            />
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            {candidates ? (
              <button
                type="button"
                disabled={add.isPending}
                onClick={() => add.mutate({ allowDuplicate: true })}
              >
                {add.isPending ? "Adding…" : "Add anyway"}
              </button>
            ) : (
              <button type="submit" disabled={add.isPending}>
                {add.isPending ? "Adding…" : "Add"}
              </button>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}
