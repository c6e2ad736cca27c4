/**
 * Phone sync (issue 17): the CardDAV address and user name a phone or Thunderbird needs, app
 * passwords made here (shown once) and revoked here. An app password opens the address book only.
 */

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { call } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { formatDate } from "../../components/badges";
import { ErrorState, FormError, Loading } from "../../components/states";
import { NewSecretForm, SecretShownOnce } from "./new-secret";

interface DavPassword {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY = ["dav-passwords"];
const davPasswords = {
  list: () => call<{ passwords: DavPassword[]; username: string; path: string }>("GET", "/dav-passwords"),
  create: (name: string) =>
    call<{ id: string; name: string; password: string; username: string }>("POST", "/dav-passwords", {
      body: { name },
    }),
  revoke: (id: string) => call<{ revoked: string }>("DELETE", `/dav-passwords/${encodeURIComponent(id)}`),
};

export function PhoneSyncCard() {
  const id = useId();
  const list = useQuery({ queryKey: KEY, queryFn: davPasswords.list });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const create = useWrite((phone: string) => davPasswords.create(phone), {
    onSuccess: (result) => {
      setCreated({ name: result.name, password: result.password });
      setName("");
    },
  });
  const server = window.location.origin;
  const active = (list.data?.passwords ?? []).filter((p) => p.revokedAt === null);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Phone sync (CardDAV)</h2>
      <p className="muted">
        Your people as your phone's contacts, kept in step both ways. Only the contact card goes to the phone:
        the ledger, moments, notes and scores stay here. Add a CardDAV account on the phone with:
      </p>
      {list.isPending ? (
        <Loading what="Reading your app passwords" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : (
        <dl className="facts phone-sync">
          <dt>Server</dt>
          <dd>
            <code>{server}</code> (or <code>{`${server}${list.data.path}`}</code>)
          </dd>
          <dt>User name</dt>
          <dd>
            <code>{list.data.username}</code>
          </dd>
          <dt>Password</dt>
          <dd>an app password from below</dd>
        </dl>
      )}
      {window.location.protocol === "http:" && (
        <p className="muted">
          Phones need an <code>https://</code> address: the app password travels with every sync. Put the
          server behind the reverse proxy of the deployment guide (“Phones: CardDAV”) and type that address.
        </p>
      )}
      <NewSecretForm
        id={id}
        label="Name of a new app password"
        placeholder="My phone"
        submit="Create app password"
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
          secret={created.password}
          testId="new-dav-password"
          copyLabel="Copy the app password"
          dismiss="Done"
          onDismiss={() => setCreated(null)}
        >
          type this into the phone now. It is shown only once.
        </SecretShownOnce>
      )}
      {active.length > 0 && (
        <ul className="rows" aria-label="App passwords">
          {active.map((password) => (
            <PasswordRow key={password.id} password={password} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One app password, revoked after a confirmation: the phone using it stops syncing. */
function PasswordRow({ password }: { password: DavPassword }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useWrite((passwordId: string) => davPasswords.revoke(passwordId));
  return (
    <li>
      <div className="row-main">
        <span className="name">{password.name}</span>
        <p className="muted">
          Created {formatDate(password.createdAt)} ·{" "}
          {password.lastUsedAt ? `last used ${formatDate(password.lastUsedAt)}` : "never used"}
        </p>
        <FormError error={revoke.error} />
      </div>
      <div className="buttons">
        {confirming ? (
          <>
            <span className="confirm-text">Revoke “{password.name}”? That phone stops syncing.</span>
            <button
              type="button"
              className="danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(password.id)}
            >
              Yes, revoke
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            className="secondary"
            aria-label={`Revoke ${password.name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        )}
      </div>
    </li>
  );
}
