/**
 * The department map (DESIGN §4.1 `map`): each department of my organization, how many people I know
 * there, how strong those ties are and how the ledger stands. Strength is the bar, the balance a
 * coloured marker, a gap (nobody I am in touch with) a dashed card; a legend says so.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type Result } from "../api/client";
import { keys, useProfile, useWrite } from "../api/hooks";
import { FormActions } from "../components/form-actions";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import { useTitle } from "../components/title";
import "./map.css";

type MapData = Result<"map">;
type Department = MapData["departments"][number];

const STATUS_WORDS: Record<Department["status"], string> = {
  strong: "Strong",
  thin: "Thin",
  none: "Nobody known",
  overdrawn: "Overdrawn",
};

const STATUS_HELP: Record<Department["status"], string> = {
  strong: "Two or more people, with good ties.",
  thin: "Few people known, or weak ties: meet one more person here.",
  none: "You know nobody here yet: a gap to fill.",
  overdrawn: "You have taken more than you gave here: give first.",
};

/*
 * One visual variable per meaning: the bar's length is strength (always one colour), the marker's
 * colour is the giving balance, and a dashed card is a gap. Status is said in words.
 */
const BALANCE_WORDS: Record<Department["balance"]["label"], string> = {
  overdrawn: "Overdrawn",
  balanced: "Balanced",
  giving: "Giving",
  untracked: "Not tracked",
};

/** A gap: a department of my organization, not my own, where I am in touch with nobody. */
function isGap(d: Department): boolean {
  return d.status === "none" && !d.mine;
}

export function DepartmentMap() {
  useTitle("Department map");
  const [params, setParams] = useSearchParams();
  const org = params.get("org") ?? "";
  const profile = useProfile();
  const organizationList = useQuery({
    queryKey: ["organizations"],
    queryFn: api.listOrganizations,
    staleTime: 60_000,
  });
  const noOrganization = profile.data !== undefined && profile.data.profile.organization === null && !org;
  const map = useQuery({
    queryKey: [...keys.map, org],
    queryFn: () => api.map(org || undefined),
    enabled: profile.data !== undefined && !noOrganization,
  });

  if (profile.isPending) return <Loading what="Reading your profile" />;
  if (profile.isError) return <ErrorState error={profile.error} retry={() => void profile.refetch()} />;

  const own = profile.data.profile.organization;
  // mine first, then by name, as the server lists them
  const organizations = [
    ...new Set([...(own ? [own] : []), ...(organizationList.data?.organizations ?? []).map((o) => o.name)]),
  ];

  return (
    <section className="map">
      <header className="screen-head">
        <h1>Department map</h1>
        <p className="muted">
          How well you are connected to each department. Networking happens every day, with IT and accounting
          too: the gaps are where to help first.
        </p>
      </header>
      {noOrganization ? (
        <SetOrganization profile={profile.data.profile} />
      ) : (
        <>
          {organizations.length > 1 && (
            <OrganizationPicker
              organizations={organizations}
              value={org || own || ""}
              own={own}
              onChange={(next) => setParams(next && next !== own ? { org: next } : {})}
            />
          )}
          {map.isPending ? (
            <Loading what="Drawing the map" />
          ) : map.isError ? (
            <ErrorState error={map.error} retry={() => void map.refetch()} />
          ) : (
            <MapView data={map.data} />
          )}
          <AddDepartment organization={map.data?.organization ?? (org || own || "")} />
        </>
      )}
    </section>
  );
}

function OrganizationPicker({
  organizations,
  value,
  own,
  onChange,
}: {
  organizations: string[];
  value: string;
  own: string | null;
  onChange: (organization: string) => void;
}) {
  const id = useId();
  return (
    <div className="map-org">
      <label htmlFor={`${id}-org`}>Organization</label>
      <select id={`${id}-org`} value={value} onChange={(event) => onChange(event.target.value)}>
        {organizations.map((o) => (
          <option key={o} value={o}>
            {o}
            {o === own ? " (mine)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

function MapView({ data }: { data: MapData }) {
  if (data.departments.length === 0)
    return (
      <>
        <Empty>
          <p>
            {data.organization} has no departments yet. Give the people you know there a department, or add
            the departments below so the gaps show.
          </p>
        </Empty>
        <WithoutDepartment data={data} />
      </>
    );
  const gaps = data.departments.filter(isGap);
  const overdrawn = data.departments.filter((d) => d.status === "overdrawn");
  const known = data.departments.reduce((sum, d) => sum + d.people, 0) + data.withoutDepartment.length;
  const without = data.withoutDepartment.length;
  const names = (list: Department[]) => list.map((d) => d.name).join(", ");
  return (
    <>
      <p className="map-summary">
        <strong>{data.organization}</strong>: {data.departments.length} departments, {known}{" "}
        {known === 1 ? "person" : "people"} known
        {without > 0 ? ` (${without} without a department)` : ""}.{" "}
        {gaps.length === 0
          ? "No gaps."
          : `${gaps.length === 1 ? "1 gap" : `${gaps.length} gaps`}, where you know nobody yet: ${names(gaps)}.`}
        {overdrawn.length > 0 ? ` Overdrawn: ${names(overdrawn)}.` : ""}
      </p>
      <MapLegend />
      <ul className="map-list" aria-label={`Departments of ${data.organization}`}>
        {data.departments.map((d) => (
          <DepartmentRow key={d.id} department={d} />
        ))}
      </ul>
      <WithoutDepartment data={data} />
    </>
  );
}

/**
 * The people of the organization whose department is not given: they count in no department, so
 * they are listed on their own, each with a field to set it right here.
 */
function WithoutDepartment({ data }: { data: MapData }) {
  // said outside the card: setting the last one removes the card, not the word that it worked
  const [said, setSaid] = useState<string | null>(null);
  return (
    <>
      <p className="notice" role="status" aria-live="polite">
        {said}
      </p>
      <PeopleWithoutDepartment data={data} onSaid={setSaid} />
    </>
  );
}

function PeopleWithoutDepartment({ data, onSaid }: { data: MapData; onSaid: (text: string) => void }) {
  const titleId = useId();
  const listId = useId();
  const people = data.withoutDepartment;
  const known = new Set(data.departments.map((d) => d.name.toLowerCase()));
  const isNew = (name: string) => !known.has(name.trim().toLowerCase());
  if (people.length === 0) return null;
  return (
    <section className="card map-nodept" aria-labelledby={titleId}>
      <div className="map-dept-head">
        <h2 id={titleId}>No department given</h2>
        <span className="badge">{people.length === 1 ? "1 person" : `${people.length} people`}</span>
      </div>
      <p className="map-gap">
        They work at {data.organization}, but count in no department until you say which: set it beside each
        name, or in their profile.
      </p>
      <datalist id={listId}>
        {data.departments.map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
      <ul className="rows compact map-nodept-list" aria-label="People without a department">
        {people.map((m) => (
          <SetDepartment
            key={m.id}
            person={m}
            departmentsId={listId}
            isNew={isNew}
            onSet={(name) =>
              onSaid(
                `${m.name} is now in ${name}${isNew(name) ? `, a new department of ${data.organization}` : ""}.`,
              )
            }
          />
        ))}
      </ul>
    </section>
  );
}

function SetDepartment({
  person,
  departmentsId,
  isNew,
  onSet,
}: {
  person: MapData["withoutDepartment"][number];
  departmentsId: string;
  isNew: (name: string) => boolean;
  onSet: (name: string) => void;
}) {
  const [department, setDepartment] = useState("");
  const save = useWrite((name: string) => api.editPerson(person.id, { department: name }), {
    onSuccess: (_, name) => onSet(name),
  });
  const hintId = useId();
  const typedNew = department.trim() !== "" && isNew(department);
  return (
    <li>
      <div className="row-main">
        <Link to={`/people/${person.id}`}>{person.name}</Link>{" "}
        <span className="muted">strength {Math.round(person.strength)}</span>
      </div>
      <div className="map-nodept-set">
        <form
          className="map-add-line"
          onSubmit={(event) => {
            event.preventDefault();
            if (department.trim()) save.mutate(department.trim());
          }}
        >
          <input
            aria-label={`Department of ${person.name}`}
            aria-describedby={typedNew ? hintId : undefined}
            list={departmentsId}
            required
            maxLength={200}
            autoComplete="off"
            placeholder="Department"
            value={department}
            onChange={(event) => setDepartment(event.target.value)}
          />
          <button type="submit" className="secondary" disabled={save.isPending || !department.trim()}>
            {save.isPending ? "Setting…" : "Set"}
          </button>
        </form>
        {typedNew && (
          <p id={hintId} className="muted map-nodept-hint">
            No department is called that yet: Set adds it.
          </p>
        )}
        <FormError error={save.error} />
      </div>
    </li>
  );
}

/** What the bar, the marker and the dashed card mean, before the cards that use them. */
function MapLegend() {
  return (
    <section className="map-legend" aria-label="How to read the map">
      <span className="map-legend-item">
        <span className="map-bar map-legend-bar" aria-hidden="true">
          <span style={{ width: "60%" }} />
        </span>
        Bar: average strength (0–100) of the people you have been in touch with there
      </span>
      <span className="map-legend-item">
        Balance:
        {(["overdrawn", "balanced", "giving"] as const).map((label) => (
          <span key={label} className="map-balance">
            <span className={`map-dot balance-dot-${label}`} aria-hidden="true" />
            {BALANCE_WORDS[label]}
          </span>
        ))}
      </span>
      <span className="map-legend-item">
        <span className="map-legend-gap" aria-hidden="true" />
        Dashed: a gap, nobody you are in touch with
      </span>
    </section>
  );
}

function DepartmentRow({ department: d }: { department: Department }) {
  const strength = d.averageStrength ?? 0;
  const titleId = useId();
  const notContacted = d.people - d.contacted;
  const help =
    d.status === "none" && d.people > 0
      ? `${d.people === 1 ? "The one person" : `The ${d.people} people`} here ${d.people === 1 ? "is" : "are"} a name only: get in touch with one.`
      : d.status === "none" && d.mine
        ? "Your own team: add the people you work with."
        : d.status === "strong"
          ? null
          : STATUS_HELP[d.status];
  return (
    <li
      className={`card map-dept status-${d.status}${isGap(d) ? " map-gap-card" : ""}`}
      aria-labelledby={titleId}
    >
      <div className="map-dept-head">
        <h2 id={titleId}>
          {d.name}
          {d.mine && <span className="muted"> (my department)</span>}
        </h2>
        <span className="badge map-status">{STATUS_WORDS[d.status]}</span>
      </div>
      <div className="map-figures">
        <span>
          {d.people === 0 ? "No one yet" : d.people === 1 ? "1 person known" : `${d.people} people known`}
          {notContacted > 0 && (
            <span className="muted">
              , {notContacted === d.people ? "none contacted yet" : `${notContacted} not contacted yet`}
            </span>
          )}
        </span>
        <span>
          Strength {d.averageStrength === null ? "—" : Math.round(d.averageStrength)}
          <span className="muted"> / 100</span>
        </span>
      </div>
      <div
        className="map-bar"
        role="img"
        aria-label={
          d.averageStrength === null
            ? "No strength: nobody in touch"
            : `Average strength ${Math.round(d.averageStrength)} of 100`
        }
      >
        <span style={{ width: `${Math.max(0, Math.min(100, strength))}%` }} />
      </div>
      <p className="map-balance-line">
        Balance{" "}
        {d.balance.entries === 0 ? (
          <span className="map-balance muted">
            <span className="map-dot balance-dot-none" aria-hidden="true" />
            nothing given or received yet
          </span>
        ) : (
          <span
            className="map-balance"
            title={d.balance.ratio === null ? undefined : `Balance ${d.balance.ratio.toFixed(2)}`}
          >
            <span className={`map-dot balance-dot-${d.balance.label}`} aria-hidden="true" />
            {BALANCE_WORDS[d.balance.label]}
          </span>
        )}
      </p>
      {help && <p className={`map-help help-${d.status}`}>{help}</p>}
      {d.members.length > 0 && (
        <ul className="map-members">
          {d.members.map((m) => (
            <li key={m.id}>
              <Link to={`/people/${m.id}`}>{m.name}</Link>{" "}
              <span className="muted">{m.contacted ? Math.round(m.strength) : "not contacted yet"}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function SetOrganization({ profile }: { profile: { name: string | null; department: string | null } }) {
  const id = useId();
  const [name, setName] = useState(profile.name ?? "");
  const [organization, setOrganization] = useState("");
  const [department, setDepartment] = useState(profile.department ?? "");
  const save = useWrite(() =>
    api.init({
      name: name.trim(),
      organization: organization.trim(),
      department: department.trim() || null,
    }),
  );
  return (
    <>
      <Empty>
        <p>
          The map shows the departments of your organization, and your profile does not name one yet. Say
          where you work, and the people you know there fall into their departments.
        </p>
      </Empty>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(undefined);
        }}
      >
        <h2>Where I work</h2>
        <div className="row">
          <div>
            <label htmlFor={`${id}-name`}>My name</label>
            <input
              id={`${id}-name`}
              required
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-org`}>Organization</label>
            <input
              id={`${id}-org`}
              required
              maxLength={200}
              value={organization}
              onChange={(event) => setOrganization(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-dept`}>My department</label>
            <input
              id={`${id}-dept`}
              maxLength={200}
              value={department}
              onChange={(event) => setDepartment(event.target.value)}
            />
          </div>
        </div>
        <FormError error={save.error} />
        <FormActions submit="Show my organization's map" busy={save.isPending} />
      </form>
    </>
  );
}

function AddDepartment({ organization }: { organization: string }) {
  const id = useId();
  const [name, setName] = useState("");
  const add = useWrite((input: { name: string; organization: string }) =>
    api.addDepartment(input.name, input.organization),
  );
  if (!organization) return null;
  return (
    <form
      className="card map-add"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ name: name.trim(), organization }, { onSuccess: () => setName("") });
      }}
    >
      <h2>A department you know nobody in</h2>
      <p className="muted">Add it, and it shows on the map as a gap to fill.</p>
      <label htmlFor={`${id}-dept`}>Department of {organization}</label>
      <div className="map-add-line">
        <input
          id={`${id}-dept`}
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Facilities"
        />
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add"}
        </button>
      </div>
      <FormError error={add.error} />
    </form>
  );
}
