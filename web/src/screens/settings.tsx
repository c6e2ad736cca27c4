/**
 * Settings: my profile (name, organization, department), the account and signing out, in team mode
 * a new password, reminders (the daily note and the weekly plan by email, push and webhook), API tokens
 * for scripts and the CLI against this server, and the private calendar feed.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { formatWorkWeek, type WeekdayName } from "../../../src/domain/work-week.js";
import { ApiError, type ApiToken, api, auth } from "../api/client";
import { keys, useMe, useProfile, useWrite } from "../api/hooks";
import { formatDate } from "../components/badges";
import { CopyButton } from "../components/copy-button";
import { FormActions } from "../components/form-actions";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import { useTitle } from "../components/title";
import { ForwardingCard } from "./settings/forwarding";
import { NewSecretForm, SecretShownOnce } from "./settings/new-secret";
import { PhoneSyncCard } from "./settings/phone-sync";
import { RecentChanges } from "./settings/recent-changes";
import { RemindersCard } from "./settings/reminders";
import "./settings.css";

export function Settings() {
  useTitle("Settings");
  const me = useMe();
  return (
    <section className="settings">
      <header className="screen-head">
        <h1>Settings</h1>
      </header>
      <div className="two">
        <ProfileCard />
        {me.data ? <AccountCard me={me.data} /> : <Loading what="Reading the account" />}
      </div>
      {me.data?.mode === "team" && me.data.account && <PasswordCard />}
      <RemindersCard />
      <TokensCard />
      <PhoneSyncCard />
      <CalendarCard />
      <ForwardingCard />
      <RecentChanges />
    </section>
  );
}

function ProfileCard() {
  const id = useId();
  const profile = useProfile();
  const [name, setName] = useState("");
  const [organization, setOrganization] = useState("");
  const [department, setDepartment] = useState("");
  const [workWeek, setWorkWeek] = useState("");
  const [timeZone, setTimeZone] = useState("");
  const [saved, setSaved] = useState(false);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const loaded = profile.data?.profile;
  // Fill the form once the profile arrives; later refetches do not overwrite what is being typed.
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (loaded && !filled) {
      setName(loaded.name ?? "");
      setOrganization(loaded.organization ?? "");
      setDepartment(loaded.department ?? "");
      setWorkWeek(formatWorkWeek(loaded.workWeek as WeekdayName[]));
      setTimeZone(loaded.timeZone);
      setFilled(true);
    }
  }, [loaded, filled]);

  const save = useWrite(
    () =>
      api.init({
        name: name.trim(),
        organization: organization.trim() || null,
        department: department.trim() || null,
        workWeek: workWeek.trim(),
        timeZone: timeZone.trim(),
      }),
    { onSuccess: () => setSaved(true) },
  );

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>My profile</h2>
      <p className="muted">
        Your organization tells colleagues from outside contacts, and draws the department map.
      </p>
      {profile.isPending ? (
        <Loading what="Reading your profile" />
      ) : profile.isError ? (
        <ErrorState error={profile.error} retry={() => void profile.refetch()} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            save.mutate(undefined);
          }}
        >
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            required
            maxLength={200}
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <label htmlFor={`${id}-org`}>Organization</label>
          <input
            id={`${id}-org`}
            maxLength={200}
            autoComplete="organization"
            value={organization}
            onChange={(event) => setOrganization(event.target.value)}
          />
          <label htmlFor={`${id}-dept`}>Department</label>
          <input
            id={`${id}-dept`}
            maxLength={200}
            value={department}
            onChange={(event) => setDepartment(event.target.value)}
          />
          <label htmlFor={`${id}-week`}>Work week</label>
          <input
            id={`${id}-week`}
            required
            maxLength={200}
            aria-describedby={`${id}-week-help`}
            value={workWeek}
            onChange={(event) => setWorkWeek(event.target.value)}
          />
          <p id={`${id}-week-help`} className="muted">
            The days you work, like mon-fri or sun-thu: colleagues and work contacts are planned on these.
          </p>
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <input
            id={`${id}-zone`}
            required
            maxLength={100}
            aria-describedby={`${id}-zone-help`}
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
          />
          <p id={`${id}-zone-help`} className="muted">
            An IANA name like Europe/Berlin: "today" is the day there.{" "}
            {browserZone && browserZone !== timeZone && (
              <button type="button" className="link" onClick={() => setTimeZone(browserZone)}>
                Use this browser's: {browserZone}
              </button>
            )}
          </p>
          <FormError error={save.error} />
          {saved && !save.isPending && (
            <p className="saved" role="status">
              Saved.
            </p>
          )}
          <FormActions submit="Save the profile" busy={save.isPending} />
        </form>
      )}
    </section>
  );
}

/** What the account card needs, from the signed-in account (mode and account). */
interface AccountView {
  mode: "local" | "team";
  account: { email: string; name: string | null } | null;
}

function AccountCard({ me }: { me: AccountView }) {
  const id = useId();
  const client = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: auth.logout,
    onSuccess: () => {
      navigate("/", { replace: true });
      // Nothing of this account may stay in memory for whoever signs in next.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      // Back to "who is this?": the app waits for the session again, then shows the sign-in page.
      void client.resetQueries({ queryKey: keys.me });
    },
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Account</h2>
      {me.mode === "team" && me.account ? (
        <>
          <dl className="facts">
            <dt>Email</dt>
            <dd>{me.account.email}</dd>
            <dt>Name</dt>
            <dd>{me.account.name ?? <span className="muted">not set</span>}</dd>
          </dl>
          <p className="muted">
            Your people and your ledger are private to this account: nobody else on this server sees them.
          </p>
          <FormError error={logout.error} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
            >
              {logout.isPending ? "Logging out…" : "Log out"}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            This Goodwill runs in <strong>local mode</strong>: the store is on this computer and there is no
            account or password. Whoever opens the sign-in link that <code>goodwill serve</code> prints gets
            in.
          </p>
          <p className="muted">
            For a team, the administrator adds accounts with{" "}
            <code>goodwill user add EMAIL --password-stdin</code>; the server then asks everyone to sign in.
          </p>
        </>
      )}
    </section>
  );
}

/** Whether the server refused the current password (its error names the field). */
function wrongCurrent(error: unknown): boolean {
  return error instanceof ApiError && error.details?.field === "currentPassword";
}

/** Team mode: a new password, given the current one. This browser stays signed in; the others do not. */
function PasswordCard() {
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeated, setRepeated] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const currentField = useRef<HTMLInputElement>(null);
  const change = useMutation({
    mutationFn: () => auth.changePassword(current, next),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeated("");
    },
    // a wrong current password: the cursor goes back to it (the disabled button had dropped it)
    onError: (error) => {
      if (wrongCurrent(error)) currentField.current?.focus();
    },
  });
  const ended = change.data?.otherSessionsEnded ?? 0;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change password</h2>
      <form
        className="password-form"
        onSubmit={(event) => {
          event.preventDefault();
          change.reset();
          if (next !== repeated) {
            setMismatch(true);
            return;
          }
          setMismatch(false);
          change.mutate();
        }}
      >
        <label htmlFor={`${id}-current`}>Current password</label>
        <input
          id={`${id}-current`}
          ref={currentField}
          type="password"
          autoComplete="current-password"
          aria-invalid={wrongCurrent(change.error)}
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <label htmlFor={`${id}-new`}>New password</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={1000}
          aria-describedby={`${id}-rule`}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <p id={`${id}-rule`} className="muted">
          At least 10 characters; a few words make a good one.
        </p>
        <label htmlFor={`${id}-repeat`}>New password again</label>
        <input
          id={`${id}-repeat`}
          type="password"
          autoComplete="new-password"
          required
          maxLength={1000}
          value={repeated}
          onChange={(event) => {
            setRepeated(event.target.value);
            setMismatch(false);
          }}
        />
        {mismatch && (
          <p className="form-error" role="alert">
            The two new passwords differ: type the same one in both boxes.
          </p>
        )}
        <FormError error={change.error} />
        {change.isSuccess && (
          <p className="saved" role="status">
            Password changed.{" "}
            {ended === 0
              ? "No other browser was signed in."
              : `${ended === 1 ? "One other session was" : `${ended} other sessions were`} signed out.`}{" "}
            This browser stays signed in, and API tokens keep working.
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </section>
  );
}

function TokensCard() {
  const id = useId();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: auth.tokens });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useWrite((tokenName: string) => auth.createToken(tokenName), {
    onSuccess: (result) => {
      setCreated({ name: result.name, token: result.token });
      setName("");
    },
  });
  const active = (tokens.data?.tokens ?? []).filter((t) => t.revokedAt === null);
  const revoked = (tokens.data?.tokens ?? []).filter((t) => t.revokedAt !== null);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API tokens</h2>
      <p className="muted">
        For scripts and for the CLI against this server (<code>Authorization: Bearer …</code>). A token can do
        everything you can: keep it secret, and revoke it when it is no longer needed.
      </p>
      <NewSecretForm
        id={id}
        label="Name of a new token"
        placeholder="Laptop CLI"
        submit="Create token"
        name={name}
        setName={setName}
        pending={create.isPending}
        error={create.error}
        onCreate={(newName) => {
          setCreated(null);
          create.mutate(newName);
        }}
      />
      {created && (
        <SecretShownOnce
          name={created.name}
          secret={created.token}
          testId="new-token"
          copyLabel="Copy the token"
          dismiss="I have saved it"
          onDismiss={() => setCreated(null)}
        >
          copy this token now. It is shown only once; Goodwill keeps only a fingerprint of it.
        </SecretShownOnce>
      )}
      {tokens.isPending ? (
        <Loading what="Reading your tokens" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} retry={() => void tokens.refetch()} />
      ) : active.length === 0 && revoked.length === 0 ? (
        <Empty>
          <p>No tokens yet.</p>
        </Empty>
      ) : (
        <>
          {active.length === 0 ? (
            <p className="muted">No active token.</p>
          ) : (
            <ul className="rows" aria-label="Active tokens">
              {active.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </ul>
          )}
          {revoked.length > 0 && (
            <details className="revoked">
              <summary>
                {revoked.length} revoked {revoked.length === 1 ? "token" : "tokens"}
              </summary>
              <ul className="rows compact" aria-label="Revoked tokens">
                {revoked.map((token) => (
                  <li key={token.id}>
                    <div className="row-main">
                      <span className="name">{token.name}</span>
                      <p className="muted">Revoked {formatDate(token.revokedAt as string)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useWrite((tokenId: string) => auth.revokeToken(tokenId), {
    optimistic: {
      key: keys.tokens,
      update: (old, tokenId) => {
        const data = old as { tokens: ApiToken[] };
        return {
          tokens: data.tokens.map((t) =>
            t.id === tokenId ? { ...t, revokedAt: new Date().toISOString() } : t,
          ),
        };
      },
    },
  });
  return (
    <li>
      <div className="row-main">
        <span className="name">{token.name}</span>
        <p className="muted">
          Created {formatDate(token.createdAt)} ·{" "}
          {token.lastUsedAt ? `last used ${formatDate(token.lastUsedAt)}` : "never used"}
        </p>
        <FormError error={revoke.error} />
      </div>
      {confirming ? (
        <div className="buttons">
          <span className="confirm-text">Revoke “{token.name}”? Whatever uses it stops working.</span>
          <button type="button" className="danger" onClick={() => revoke.mutate(token.id)}>
            Yes, revoke
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="buttons">
          <button
            type="button"
            className="secondary"
            aria-label={`Revoke ${token.name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        </div>
      )}
    </li>
  );
}

function CalendarCard() {
  const id = useId();
  const [feed, setFeed] = useState<string | null>(null);
  const make = useMutation({ mutationFn: auth.calendarKey, onSuccess: (result) => setFeed(result.url) });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Calendar feed</h2>
      <p>
        Subscribe from your phone's or laptop's calendar to see birthdays, who is due and your promises. The
        link is private: anyone who has it can read those reminders.
      </p>
      <p className="muted">
        Goodwill keeps only a fingerprint of the link, so it cannot show an old one again. Making a new link
        stops the previous one from working: calendars subscribed to it must be given the new one.
      </p>
      {feed && (
        <div className="secret" role="status">
          <label htmlFor={`${id}-url`}>Your calendar link</label>
          <input id={`${id}-url`} readOnly value={feed} onFocus={(event) => event.target.select()} />
          <div className="buttons">
            <CopyButton text={feed} label="Copy the link" />
          </div>
        </div>
      )}
      <FormError error={make.error} />
      <div className="actions">
        <button
          type="button"
          className={feed ? "secondary" : undefined}
          onClick={() => make.mutate()}
          disabled={make.isPending}
        >
          {make.isPending ? "Making…" : feed ? "Make another link (this one stops)" : "Make a calendar link"}
        </button>
      </div>
    </section>
  );
}
