/** An empty store: load the demo story, or begin with a first person. */
import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../api/client";
import { useWrite } from "../api/hooks";
import { FormError } from "../components/states";

export function Welcome() {
  const id = useId();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [organization, setOrganization] = useState("");
  const demo = useWrite(() => api.loadDemo());
  const first = useWrite(
    () =>
      api.addPerson({
        name: name.trim(),
        ...(organization.trim() ? { organization: organization.trim() } : {}),
      }),
    { onSuccess: (person) => navigate(`/people/${person.id}`) },
  );
  return (
    <section className="welcome">
      <h1>Welcome to Goodwill</h1>
      <p>
        Goodwill keeps your people, the moments you share and a private ledger of what was given and received,
        and tells you whom to help first. Your store is empty: begin one of two ways.
      </p>
      <div className="two">
        <div className="card">
          <h2>See it with a story</h2>
          <p>
            Load the demo: Mark has called IT for three years and never given anything back, so IT now gives
            him the minimum. See how Goodwill shows it, and what he could do first.
          </p>
          <FormError error={demo.error} />
          <button type="button" onClick={() => demo.mutate(undefined)} disabled={demo.isPending}>
            {demo.isPending ? "Loading the story…" : "Load the demo story"}
          </button>
        </div>
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            first.mutate(undefined);
          }}
        >
          <h2>Start with a first person</h2>
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <label htmlFor={`${id}-org`}>Organization (optional)</label>
          <input
            id={`${id}-org`}
            maxLength={200}
            value={organization}
            onChange={(e) => setOrganization(e.target.value)}
          />
          <FormError error={first.error} />
          <button type="submit" disabled={first.isPending}>
            {first.isPending ? "Adding…" : "Add this person"}
          </button>
          <p className="muted">
            Or bring your address book from <Link to="/import">Import / Export</Link>.
          </p>
        </form>
      </div>
    </section>
  );
}
