/** One way to help someone first, as Today and a person's page show it. */
import { Link } from "react-router";
import type { SuggestionJson } from "../../../src/contract/suggestion.js";

export function SuggestionRow({ suggestion: s, named }: { suggestion: SuggestionJson; named: boolean }) {
  return (
    <li>
      <div className="row-main">
        {named && (
          <>
            <Link to={`/people/${s.person.id}`} className="name">
              {s.person.name}
            </Link>{" "}
          </>
        )}
        <span className="badge kind">{s.kind.replace(/-/g, " ")}</span>
        <p className="idea">{s.action}</p>
        <p className="muted">{s.reason}</p>
      </div>
      {s.kind === "introduce" && s.otherPerson && (
        <Link
          className="button secondary"
          // The matched reason goes along, so the form starts from why these two should meet.
          to={`/introductions?${new URLSearchParams({ a: s.person.id, b: s.otherPerson.id, reason: s.reason })}`}
        >
          Introduce
        </Link>
      )}
    </li>
  );
}
