/**
 * The two pages a reminder note links to, which open without signing in (a tap in a phone's mail):
 * a one-tap action (/act/:token) asks before it does anything, and the unsubscribe page
 * (/unsubscribe/:token) names the address before it stops the emails. Loading either page changes
 * nothing; the button does, once.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, type ReminderAction, reminders } from "../api/client";
import { formatDate } from "../components/badges";
import { ErrorState, FormError, Loading, messageOf } from "../components/states";
import { useTitle } from "../components/title";

function Page({ title, children }: { title: string; children: ReactNode }) {
  useTitle(title);
  return (
    <main id="main" className="login note-link">
      <h1>
        <img src="/favicon.svg" alt="" width="32" height="32" /> Goodwill
      </h1>
      <section className="card" aria-labelledby="note-link-title">
        <h2 id="note-link-title">{title}</h2>
        {children}
      </section>
    </main>
  );
}

function Reading() {
  return (
    <main id="main" className="login note-link">
      <Loading what="Reading the link" />
    </main>
  );
}

const toToday = (
  <p>
    <Link to="/">Open Today in Goodwill</Link>
  </p>
);

/**
 * Whether a refusal means the link is not one of ours (a wrong signature: 404; an address cut so
 * short the token is no token: 422), rather than a fault worth trying again.
 */
const notOurs = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 422);

/** The server said no for good (used meanwhile, expired): another press cannot help. */
const refused = (error: unknown) => error instanceof ApiError && error.status === 409;

const CONFIRM: Record<ReminderAction["action"], string> = {
  thanked: "Yes, I thanked them",
  touched: "Yes, I got in touch",
  kept: "Yes, it is done",
};

export function ActionPage() {
  const { token = "" } = useParams();
  const action = useQuery({
    queryKey: ["note-action", token],
    queryFn: () => reminders.action(token),
    // the page describes the link as it was opened; the answer to the button is what counts after
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const act = useMutation({ mutationFn: () => reminders.act(token) });

  if (act.isSuccess)
    return (
      <Page title="Done">
        <p className="saved" role="status">
          {act.data.message}
        </p>
        <p className="muted">Changed your mind? Settings → Recent changes in Goodwill can undo it.</p>
        {toToday}
      </Page>
    );
  if (action.isPending) return <Reading />;
  if (action.isError)
    return notOurs(action.error) ? (
      <Page title="Not a Goodwill link">
        <p>{messageOf(action.error)}</p>
        {toToday}
      </Page>
    ) : (
      <Page title="The link cannot be read now">
        <ErrorState error={action.error} retry={() => void action.refetch()} />
      </Page>
    );

  const link = action.data;
  if (link.usedAt)
    return (
      <Page title="Used already">
        <p>
          This link was used on {formatDate(link.usedAt)}: each link in a note works once, so nothing was done
          again.
        </p>
        {toToday}
      </Page>
    );
  if (link.expired)
    return (
      <Page title="This link has expired">
        <p>
          It worked until {formatDate(link.expiresAt)}: links in a note work for 7 days. Do it from Today in
          Goodwill instead.
        </p>
        {toToday}
      </Page>
    );
  return (
    <Page title="From your Goodwill note">
      <p className="question">{link.question}</p>
      <FormError error={act.error} />
      <div className="actions start">
        <button type="button" disabled={act.isPending || refused(act.error)} onClick={() => act.mutate()}>
          {act.isPending ? "Saving…" : CONFIRM[link.action]}
        </button>
        <Link to="/" className="button secondary">
          Not now
        </Link>
      </div>
      <p className="muted">This link works once, until {formatDate(link.expiresAt)}.</p>
    </Page>
  );
}

export function UnsubscribePage() {
  const { token = "" } = useParams();
  const state = useQuery({
    queryKey: ["unsubscribe", token],
    queryFn: () => reminders.unsubscription(token),
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const stop = useMutation({ mutationFn: () => reminders.unsubscribe(token) });

  if (stop.isSuccess)
    return (
      <Page title="No more reminder emails">
        <p className="saved" role="status">
          Goodwill sends no more reminder emails to {stop.data.address}.
        </p>
        <p className="muted">To get them again, save the address in Settings → Reminders.</p>
        {toToday}
      </Page>
    );
  if (state.isPending) return <Reading />;
  if (state.isError)
    return notOurs(state.error) ? (
      <Page title="Not a Goodwill link">
        <p>{messageOf(state.error)}</p>
        {toToday}
      </Page>
    ) : (
      <Page title="The link cannot be read now">
        <ErrorState error={state.error} retry={() => void state.refetch()} />
      </Page>
    );
  if (state.data.unsubscribed)
    return (
      <Page title="No more reminder emails">
        <p>Goodwill already sends no reminder emails to {state.data.address}.</p>
        {toToday}
      </Page>
    );
  return (
    <Page title="Stop reminder emails?">
      <p className="question">
        Goodwill sends its daily note and weekly plan to <strong>{state.data.address}</strong>.
      </p>
      <FormError error={stop.error} />
      <div className="actions start">
        <button type="button" disabled={stop.isPending} onClick={() => stop.mutate()}>
          {stop.isPending ? "Stopping…" : "Stop these emails"}
        </button>
      </div>
      <p className="muted">Notifications and the webhook, if you have them, keep going.</p>
    </Page>
  );
}
