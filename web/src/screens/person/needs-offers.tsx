/** What a person needs and what they can help with; and the ways to help them first. */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { LIMITS } from "../../../../src/domain/limits.js";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { Empty, ErrorState, FormError, Loading } from "../../components/states";
import { SuggestionRow } from "../../components/suggestion-row";
import { editsOverview, type Overview, PENDING, personKeys } from "./overview";

/**
 * A need or offer shown before the server has answered carries a stand-in id: its actions wait for
 * the real one (a Withdraw sent with the stand-in was refused, and the offer stayed open).
 */
const isPending = (id: string) => id.startsWith(PENDING);

export function NeedsOffers({ overview }: { overview: Overview }) {
  const personId = overview.person.id;
  const closeNeed = useWrite(
    (input: {
      id: string;
      text: string;
      status: "met" | "dropped" | "deleted";
      byMe: boolean;
    }): Promise<object> =>
      input.status === "deleted"
        ? api.deleteRecord("need", input.id)
        : api.closeNeed(input.id, { status: input.status, ...(input.byMe ? { by: "me" } : {}) }),
    {
      optimistic: editsOverview(personId, (old, input) => ({
        ...old,
        needs: old.needs.filter((n) => n.id !== input.id),
      })),
      undo: (_, input) =>
        input.status === "deleted"
          ? `Deleted the need “${input.text}”.`
          : input.status === "dropped"
            ? `Dropped the need “${input.text}”.`
            : input.byMe
              ? `You helped with “${input.text}”: recorded as a give.`
              : `Met: “${input.text}”.`,
    },
  );
  const closeOffer = useWrite(
    (input: { id: string; text: string; deleted: boolean }): Promise<object> =>
      input.deleted ? api.deleteRecord("offer", input.id) : api.withdrawOffer(input.id),
    {
      optimistic: editsOverview(personId, (old, input) => ({
        ...old,
        offers: old.offers.filter((o) => o.id !== input.id),
      })),
      undo: (_, input) =>
        input.deleted ? `Deleted the offer “${input.text}”.` : `Withdrew the offer “${input.text}”.`,
    },
  );
  return (
    <section className="card" aria-labelledby="needs-title">
      <h2 id="needs-title">Needs and offers</h2>
      <FormError error={closeNeed.error ?? closeOffer.error} />
      <OpenTexts
        title="What they need"
        empty="No open need. What are they working on?"
        listLabel="Open needs"
        items={overview.needs}
        actions={(need) => [
          {
            label: "I helped",
            title: "I helped with it: recorded as a give",
            run: () => closeNeed.mutate({ ...need, status: "met", byMe: true }),
          },
          { label: "Met", run: () => closeNeed.mutate({ ...need, status: "met", byMe: false }) },
          { label: "Drop", run: () => closeNeed.mutate({ ...need, status: "dropped", byMe: false }) },
          deleteAction("need", need.text, () =>
            closeNeed.mutate({ ...need, status: "deleted", byMe: false }),
          ),
        ]}
      />
      <AddText
        label="Add a need"
        placeholder="Hiring a designer"
        write={(text) => api.addNeed(personId, text)}
        personId={personId}
        list="needs"
      />
      <OpenTexts
        title="What they offer"
        empty="No offer yet. What could they help others with?"
        listLabel="Open offers"
        items={overview.offers}
        actions={(offer) => [
          { label: "Withdraw", run: () => closeOffer.mutate({ ...offer, deleted: false }) },
          deleteAction("offer", offer.text, () => closeOffer.mutate({ ...offer, deleted: true })),
        ]}
      />
      <AddText
        label="Add an offer"
        placeholder="Knows payroll rules"
        write={(text) => api.addOffer(personId, text)}
        personId={personId}
        list="offers"
      />
    </section>
  );
}

interface TextAction {
  label: string;
  run: () => void;
  title?: string;
  ariaLabel?: string;
  danger?: boolean;
}

const deleteAction = (noun: "need" | "offer", text: string, run: () => void): TextAction => ({
  label: "Delete",
  ariaLabel: `Delete the ${noun} ${text}`,
  title: "Delete it, as if it was never written (Undo brings it back)",
  danger: true,
  run,
});

/** One list of open needs or offers, each with its buttons; a row still being saved has none yet. */
function OpenTexts<T extends { id: string; text: string }>({
  title,
  empty,
  listLabel,
  items,
  actions,
}: {
  title: string;
  empty: string;
  listLabel: string;
  items: T[];
  actions: (item: T) => TextAction[];
}) {
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="rows compact" aria-label={listLabel}>
          {items.map((item) => (
            <li key={item.id}>
              <div className="row-main">{item.text}</div>
              {isPending(item.id) ? (
                <span className="muted">Saving…</span>
              ) : (
                <div className="buttons">
                  {actions(item).map((a) => (
                    <button
                      key={a.label}
                      type="button"
                      className={a.danger ? "secondary danger-text" : "secondary"}
                      aria-label={a.ariaLabel}
                      title={a.title}
                      onClick={a.run}
                    >
                      {a.label}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AddText({
  label,
  placeholder,
  write,
  personId,
  list,
}: {
  label: string;
  placeholder: string;
  write: (text: string) => Promise<unknown>;
  personId: string;
  list: "needs" | "offers";
}) {
  const id = useId();
  const [text, setText] = useState("");
  const add = useWrite(write, {
    optimistic: editsOverview(personId, (old, input: string) => {
      const pending = {
        id: `${PENDING}${Date.now()}`,
        number: 0,
        personId,
        person: old.person.name,
        text: input,
        status: "open",
        createdAt: new Date().toISOString(),
        resolvedAt: null,
      };
      return list === "needs"
        ? { ...old, needs: [...old.needs, { ...pending, metBy: null, exchangeId: null }] }
        : { ...old, offers: [...old.offers, pending] };
    }),
    onSuccess: () => setText(""),
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) add.mutate(text.trim());
      }}
    >
      <label htmlFor={`${id}-text`}>{label}</label>
      <div className="inline-field">
        <input
          id={`${id}-text`}
          maxLength={LIMITS.needOffer}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={placeholder}
        />
        <button type="submit" className="secondary" disabled={add.isPending || !text.trim()}>
          Add
        </button>
      </div>
      <FormError error={add.error} />
    </form>
  );
}

export function PersonSuggestions({ personId }: { personId: string }) {
  const suggestions = useQuery({
    queryKey: personKeys.suggestions(personId),
    queryFn: () => api.suggest(personId),
  });
  return (
    <section className="card" aria-labelledby="ideas-title">
      <h2 id="ideas-title">Help them first</h2>
      {suggestions.isPending && <Loading what="Thinking of ways to help" />}
      {suggestions.isError && (
        <ErrorState error={suggestions.error} retry={() => void suggestions.refetch()} />
      )}
      {suggestions.data &&
        (suggestions.data.suggestions.length === 0 ? (
          <Empty>
            <p>No suggestion right now: nothing is owed, due or needed.</p>
          </Empty>
        ) : (
          <ul className="rows" aria-label="Suggestions">
            {suggestions.data.suggestions.map((s) => (
              <SuggestionRow
                key={`${s.kind}-${s.action}-${s.otherPerson?.id ?? ""}`}
                suggestion={s}
                named={false}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}
