/**
 * A card listing entries of the undo journal with their Undo (Settings' recent changes, Import's
 * past imports): the request, the undo, where the keyboard goes after it, and the states of a list.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useRef } from "react";
import { api, type Result } from "../api/client";
import { refreshAfterWrite } from "../api/refresh";
import { Empty, ErrorState, FormError, Loading } from "./states";

export type JournalEntry = Result<"listUndo">["entries"][number];

export interface UndoControl {
  run: (entry: JournalEntry) => void;
  /** this entry's undo is under way */
  undoing: (entry: JournalEntry) => boolean;
  /** some undo is under way */
  busy: boolean;
}

export function JournalCard({
  title,
  className,
  intro,
  queryKey,
  kind,
  reading,
  none,
  listClass,
  row,
}: {
  title: string;
  className: string;
  intro: ReactNode;
  queryKey: readonly unknown[];
  /** only imports, or every change */
  kind?: "import";
  /** what the loading state says ("Reading past imports") */
  reading: string;
  /** what an empty list says */
  none: string;
  listClass: string;
  /** one entry's row, with the undo to offer on it */
  row: (entry: JournalEntry, undo: UndoControl) => ReactNode;
}) {
  const id = useId();
  const client = useQueryClient();
  const list = useQuery({
    queryKey,
    queryFn: () => api.listUndo({ ...(kind ? { kind } : {}), limit: 20 }),
  });
  const said = useRef<HTMLParagraphElement>(null);
  const undo = useMutation({
    mutationFn: (entry: JournalEntry) => api.undo(entry.id),
    onSettled: () => refreshAfterWrite(client),
    // the Undo button has gone: the keyboard's focus goes to what happened
    onSuccess: () => requestAnimationFrame(() => said.current?.focus()),
  });
  const control: UndoControl = {
    run: (entry) => undo.mutate(entry),
    undoing: (entry) => undo.isPending && undo.variables?.id === entry.id,
    busy: undo.isPending,
  };
  return (
    <section className={`card ${className}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{intro}</p>
      <p ref={said} className="notice" role="status" aria-live="polite" tabIndex={-1}>
        {undo.data?.summary}
      </p>
      <FormError error={undo.error} />
      {list.isPending ? (
        <Loading what={reading} />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.entries.length === 0 ? (
        <Empty>
          <p>{none}</p>
        </Empty>
      ) : (
        <ul className={listClass} aria-label={title}>
          {list.data.entries.map((entry) => row(entry, control))}
        </ul>
      )}
    </section>
  );
}
