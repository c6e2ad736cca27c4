/**
 * A person's details (the card headed "Profile" on their page), and the form that edits them
 * (PATCH: what was typed stays if the server refuses). The user's own profile is in Settings.
 */
import { useId, useState } from "react";
import { Link } from "react-router";
import { LIMITS } from "../../../../src/domain/limits.js";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { CIRCLE_WORDS, formatDate } from "../../components/badges";
import { fieldErrors } from "../../components/fields";
import { FormActions } from "../../components/form-actions";
import { FormError } from "../../components/states";
import type { Overview } from "./overview";

type Person = Overview["person"];

/** "--04-12" (no year) or "1984-04-12" in words. */
export function birthdayWords(birthday: string): string {
  const yearless = birthday.match(/^--(\d{2})-(\d{2})$/);
  if (!yearless) return formatDate(birthday);
  const date = new Date(Date.UTC(2000, Number(yearless[1]) - 1, Number(yearless[2]), 12));
  return date.toLocaleDateString(undefined, { day: "numeric", month: "long" });
}

export function PersonDetailsCard({ person, onEdit }: { person: Person; onEdit: () => void }) {
  const facts: [string, React.ReactNode][] = [];
  if (person.title) facts.push(["Title", person.title]);
  if (person.organization) facts.push(["Organization", person.organization]);
  if (person.department) facts.push(["Department", person.department]);
  if (person.emails.length > 0)
    facts.push([
      person.emails.length === 1 ? "Email" : "Emails",
      <ul className="plain" key="emails">
        {person.emails.map((e) => (
          <li key={e}>
            <a href={`mailto:${e}`}>{e}</a>
          </li>
        ))}
      </ul>,
    ]);
  if (person.phones.length > 0)
    facts.push([
      person.phones.length === 1 ? "Phone" : "Phones",
      <ul className="plain" key="phones">
        {person.phones.map((p) => (
          <li key={p}>
            <a href={`tel:${p.replace(/[^\d+]/g, "")}`}>{p}</a>
          </li>
        ))}
      </ul>,
    ]);
  if (person.urls.length > 0)
    facts.push([
      "Links",
      <ul className="plain" key="urls">
        {person.urls.map((u) => (
          <li key={u}>
            {/^https?:\/\//i.test(u) ? (
              <a href={u} rel="noopener noreferrer">
                {u}
              </a>
            ) : (
              u
            )}
          </li>
        ))}
      </ul>,
    ]);
  if (person.tags.length > 0)
    facts.push([
      "Tags",
      <span key="tags">
        {person.tags.map((t) => (
          <Link key={t} className="badge tag" to={`/people?tag=${encodeURIComponent(t)}`}>
            {t}
          </Link>
        ))}
      </span>,
    ]);
  if (person.birthday) facts.push(["Birthday", birthdayWords(person.birthday)]);
  for (const d of person.dates) facts.push([d.label, birthdayWords(d.date)]);
  if (person.met.text || person.met.on)
    facts.push([
      "How we met",
      <span key="met">
        {person.met.text}
        {person.met.text && person.met.on ? ", " : ""}
        {person.met.on ? formatDate(person.met.on) : ""}
        {person.met.throughId && (
          <>
            {" "}
            (<Link to={`/people/${person.met.throughId}`}>through someone</Link>)
          </>
        )}
      </span>,
    ]);
  facts.push(["Circle", CIRCLE_WORDS[person.layer] ?? String(person.layer)]);
  facts.push(["Closeness", `${person.closeness} of 5`]);
  facts.push([
    "Keep in touch",
    person.cadenceDays === null
      ? "Default rhythm"
      : person.cadenceDays === 0
        ? "No reminders"
        : person.cadenceDays === 1
          ? "Every day"
          : `Every ${person.cadenceDays} days`,
  ]);
  facts.push(["Ledger", person.ledgerMode === "communal" ? "Communal: not tracked" : "Tracked"]);
  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-head">
        <h2 id="profile-title">Profile</h2>
        <button type="button" className="secondary" onClick={onEdit}>
          Edit
        </button>
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {person.isColleague ? "A colleague. " : ""}Added {formatDate(person.createdAt)}
        {person.archived ? " · archived" : ""}.
      </p>
    </section>
  );
}

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);
const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function EditPersonDetails({ person, onDone }: { person: Person; onDone: () => void }) {
  const id = useId();
  const [form, setForm] = useState({
    name: person.name,
    title: person.title ?? "",
    organization: person.organization ?? "",
    department: person.department ?? "",
    emails: person.emails.join("\n"),
    phones: person.phones.join("\n"),
    urls: person.urls.join("\n"),
    tags: person.tags.join(", "),
    birthday: person.birthday ?? "",
    metText: person.met.text ?? "",
    metOn: person.met.on ?? "",
    layer: String(person.layer),
    closeness: String(person.closeness),
    cadenceDays: person.cadenceDays === null ? "" : String(person.cadenceDays),
    ledgerMode: person.ledgerMode,
  });
  const save = useWrite(
    () =>
      api.editPerson(person.id, {
        name: form.name.trim(),
        title: orNull(form.title),
        organization: orNull(form.organization),
        department: orNull(form.department),
        emails: lines(form.emails),
        phones: lines(form.phones),
        urls: lines(form.urls),
        tags: lines(form.tags),
        birthday: orNull(form.birthday),
        metText: orNull(form.metText),
        metOn: orNull(form.metOn),
        layer: Number(form.layer) as 5 | 15 | 50 | 150 | 500,
        closeness: Number(form.closeness),
        cadenceDays: form.cadenceDays.trim() === "" ? null : Number(form.cadenceDays),
        ledgerMode: form.ledgerMode === "communal" ? "communal" : "track",
      }),
    { onSuccess: onDone },
  );
  const errors = fieldErrors(save.error, id);
  const bind = (key: keyof typeof form) => ({
    id: `${id}-${key}`,
    ...errors.input(key),
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Edit the profile</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(undefined);
        }}
      >
        <label htmlFor={`${id}-name`}>Name</label>
        <input {...bind("name")} required maxLength={LIMITS.name} />
        {errors.message("name")}
        <div className="row">
          <div>
            <label htmlFor={`${id}-title`}>Title</label>
            <input {...bind("title")} maxLength={LIMITS.name} />
            {errors.message("title")}
          </div>
          <div>
            <label htmlFor={`${id}-organization`}>Organization</label>
            <input {...bind("organization")} maxLength={LIMITS.name} />
            {errors.message("organization")}
          </div>
          <div>
            <label htmlFor={`${id}-department`}>Department</label>
            <input {...bind("department")} maxLength={LIMITS.name} />
            {errors.message("department")}
          </div>
        </div>
        <div className="row">
          <div>
            <label htmlFor={`${id}-emails`}>Emails (one a line)</label>
            <textarea {...bind("emails")} rows={2} />
            {errors.message("emails")}
          </div>
          <div>
            <label htmlFor={`${id}-phones`}>Phones (one a line)</label>
            <textarea {...bind("phones")} rows={2} />
            {errors.message("phones")}
          </div>
        </div>
        <label htmlFor={`${id}-urls`}>Links (one a line)</label>
        <textarea {...bind("urls")} rows={2} />
        {errors.message("urls")}
        <label htmlFor={`${id}-tags`}>Tags (separated by commas)</label>
        <input {...bind("tags")} />
        {errors.message("tags")}
        <div className="row">
          <div>
            <label htmlFor={`${id}-birthday`}>Birthday (1984-04-12, or --04-12 without the year)</label>
            <input {...bind("birthday")} placeholder="--04-12" maxLength={10} />
            {errors.message("birthday")}
          </div>
          <div>
            <label htmlFor={`${id}-metOn`}>Met on</label>
            <input {...bind("metOn")} type="date" />
            {errors.message("metOn")}
          </div>
        </div>
        <label htmlFor={`${id}-metText`}>How we met</label>
        <textarea {...bind("metText")} rows={2} maxLength={LIMITS.metText} />
        {errors.message("metText")}
        <div className="row">
          <div>
            <label htmlFor={`${id}-layer`}>Circle</label>
            <select {...bind("layer")}>
              {Object.entries(CIRCLE_WORDS).map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
            {errors.message("layer")}
          </div>
          <div>
            <label htmlFor={`${id}-closeness`}>Closeness (1–5)</label>
            <select {...bind("closeness")}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            {errors.message("closeness")}
          </div>
          <div>
            <label htmlFor={`${id}-cadenceDays`}>Keep in touch every … days (empty: default)</label>
            <input {...bind("cadenceDays")} inputMode="numeric" pattern="\d*" />
            {errors.message("cadenceDays")}
          </div>
          <div>
            <label htmlFor={`${id}-ledgerMode`}>Ledger</label>
            <select {...bind("ledgerMode")}>
              <option value="track">Tracked</option>
              <option value="communal">Communal (not tracked)</option>
            </select>
            {errors.message("ledgerMode")}
          </div>
        </div>
        <FormError error={save.error} shownBeside={errors.beside(Object.keys(form))} />
        <FormActions submit="Save the profile" busy={save.isPending} onCancel={onDone} />
      </form>
    </section>
  );
}
