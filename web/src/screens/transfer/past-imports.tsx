/**
 * Past imports (issue 10): each import of the last 30 days, what it brought in, and an Undo for
 * those still in force. Undoing one removes the people it created and puts back what it filled in;
 * people with history logged since are kept, and the server's summary says so.
 */
import { useState } from "react";
import { formatDate } from "../../components/badges";
import { type JournalEntry as Entry, JournalCard } from "../../components/journal-card";

export const pastImportsKey = ["undo", "import"] as const;

function counts(entry: Entry): string {
  const i = entry.import;
  if (!i) return entry.description;
  // A history import (mail, calendars) counts moments, not people.
  if (entry.action === "importHistory")
    return `${i.created} ${i.created === 1 ? "moment" : "moments"} logged`;
  const parts = [
    `${i.created} new ${i.created === 1 ? "person" : "people"}`,
    `${i.updated} updated`,
    ...(i.unchanged > 0 ? [`${i.unchanged} unchanged`] : []),
  ];
  return parts.join(", ");
}

export function PastImports() {
  const [asking, setAsking] = useState<string | null>(null);
  return (
    <JournalCard
      title="Past imports"
      className="past-imports"
      intro="The imports of the last 30 days. Undoing one removes the people it created and puts back what it changed; anyone you have logged something with since is kept."
      queryKey={pastImportsKey}
      kind="import"
      reading="Reading past imports"
      none="No import in the last 30 days."
      listClass="rows"
      row={(entry, undo) => {
        const file = entry.import?.file ?? entry.description;
        return (
          <li key={entry.id} className={entry.undoneAt ? "undone" : undefined}>
            <div className="row-main">
              <span className="name">{file}</span>{" "}
              {entry.import && <span className="muted">({entry.import.format})</span>}{" "}
              {entry.undoneAt && <span className="badge">Undone</span>}
              <p className="muted">
                <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time> · {counts(entry)}
              </p>
              {entry.undoneAt && (
                <p className="muted">
                  Undone {formatDate(entry.undoneAt)}
                  {entry.undoSummary ? `: ${entry.undoSummary}` : "."}
                </p>
              )}
              {asking === entry.id && !entry.undoneAt && (
                <div className="confirm" role="alertdialog" aria-label={`Undo the import of ${file}?`}>
                  <p>
                    Undo the import of <strong>{file}</strong>?{" "}
                    {entry.action === "importHistory"
                      ? "The moments it logged and the entries it suggested go, and the messages it read are forgotten (importing them again logs them again)."
                      : `The ${entry.import ? `${entry.import.created} ` : ""}people it created leave, and people it updated get back what they had.`}{" "}
                    This cannot itself be undone.
                  </p>
                  <div className="buttons">
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setAsking(null)}
                      // biome-ignore lint/a11y/noAutofocus: the question needs an answer; Keep is the safe one
                      autoFocus
                    >
                      Keep it
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setAsking(null);
                        undo.run(entry);
                      }}
                    >
                      Undo the import
                    </button>
                  </div>
                </div>
              )}
            </div>
            {!entry.undoneAt && asking !== entry.id && (
              <button
                type="button"
                className="secondary"
                aria-label={`Undo the import of ${file}`}
                disabled={undo.undoing(entry)}
                onClick={() => setAsking(entry.id)}
              >
                {undo.undoing(entry) ? "Undoing…" : "Undo"}
              </button>
            )}
          </li>
        );
      }}
    />
  );
}
