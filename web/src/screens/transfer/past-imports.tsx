/**
 * Past imports (issue 10): each import of the last 30 days, what it brought in, and an Undo for
 * those still in force. Undoing one removes the people it created and puts back what it filled in;
 * people with history logged since are kept, and the server's summary says so.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { api, type Result } from "../../api/client";
import { formatDate } from "../../components/badges";
import { Empty, ErrorState, FormError, Loading } from "../../components/states";

type Entry = Result<"listUndo">["entries"][number];

export const pastImportsKey = ["undo", "import"] as const;

function counts(entry: Entry): string {
  const i = entry.import;
  if (!i) return entry.description;
  const parts = [
    `${i.created} new ${i.created === 1 ? "person" : "people"}`,
    `${i.updated} updated`,
    ...(i.unchanged > 0 ? [`${i.unchanged} unchanged`] : []),
  ];
  return parts.join(", ");
}

export function PastImports() {
  const id = useId();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: pastImportsKey,
    queryFn: () => api.listUndo({ kind: "import", limit: 20 }),
  });
  const [asking, setAsking] = useState<string | null>(null);
  const said = useRef<HTMLParagraphElement>(null);
  const undo = useMutation({
    mutationFn: (entry: Entry) => api.undo(entry.id),
    onSettled: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" }),
    // the Undo button has gone: the keyboard's focus goes to what happened
    onSuccess: () => requestAnimationFrame(() => said.current?.focus()),
  });

  return (
    <section className="card past-imports" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Past imports</h2>
      <p className="muted">
        The imports of the last 30 days. Undoing one removes the people it created and puts back what it
        changed; anyone you have logged something with since is kept.
      </p>
      <p ref={said} className="notice" role="status" aria-live="polite" tabIndex={-1}>
        {undo.data?.summary}
      </p>
      <FormError error={undo.error} />
      {list.isPending ? (
        <Loading what="Reading past imports" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.entries.length === 0 ? (
        <Empty>
          <p>No import in the last 30 days.</p>
        </Empty>
      ) : (
        <ul className="rows" aria-label="Past imports">
          {list.data.entries.map((entry) => {
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
                        Undo the import of <strong>{file}</strong>? The{" "}
                        {entry.import ? `${entry.import.created} ` : ""}people it created leave, and people it
                        updated get back what they had. This cannot itself be undone.
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
                            undo.mutate(entry);
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
                    disabled={undo.isPending && undo.variables?.id === entry.id}
                    onClick={() => setAsking(entry.id)}
                  >
                    {undo.isPending && undo.variables?.id === entry.id ? "Undoing…" : "Undo"}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
