/**
 * Forwarding address (issue 18): forward or BCC a message to `log-…@…` and its moment is logged.
 * The address is shown once when made (Goodwill keeps only its fingerprint); afterwards this says
 * when it was made and offers a new one, which stops the old one.
 */

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { call } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { formatDate } from "../../components/badges";
import { ErrorState, FormError, Loading } from "../../components/states";
import { SecretShownOnce } from "./new-secret";

interface ForwardingAddress {
  address: string | null;
  createdAt: string | null;
  domain: string;
}

const KEY = ["capture-address"];
const forwarding = {
  read: () => call<ForwardingAddress>("GET", "/capture/address"),
  make: () => call<ForwardingAddress & { address: string }>("POST", "/capture/address"),
};

export function ForwardingCard() {
  const id = useId();
  const client = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: forwarding.read });
  const [made, setMade] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const make = useWrite(() => forwarding.make(), {
    onSuccess: (result) => {
      setMade(result.address);
      setConfirming(false);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const createdAt = current.data?.createdAt ?? null;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Forwarding address</h2>
      <p className="muted">
        Forward a message to this address, or BCC it when you write, and the moment is logged with the people
        on it (a forward is logged as the original: its sender and its date). Only what you send there is
        read. The server must take mail: see “Forwarding address (SMTP)” in the deployment guide.
      </p>
      {current.isPending ? (
        <Loading what="Reading your forwarding address" />
      ) : current.isError ? (
        <ErrorState error={current.error} retry={() => void current.refetch()} />
      ) : (
        !made && (
          <p>
            {createdAt
              ? `You made your address on ${formatDate(createdAt)}. Goodwill keeps only its fingerprint, so it cannot show it again.`
              : "You have no forwarding address yet."}
          </p>
        )
      )}
      {made && (
        <SecretShownOnce
          name="Your forwarding address"
          secret={made}
          testId="forwarding-address"
          copyLabel="Copy the address"
          dismiss="Done"
          onDismiss={() => setMade(null)}
        >
          add it to your contacts now. It is shown only once.
        </SecretShownOnce>
      )}
      <FormError error={make.error} />
      <div className="actions">
        {confirming ? (
          <>
            <span className="confirm-text">Make a new address? Mail to the old one will be refused.</span>
            <button
              type="button"
              className="danger"
              disabled={make.isPending}
              onClick={() => make.mutate(undefined)}
            >
              Yes, make a new one
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep the old one
            </button>
          </>
        ) : (
          <button
            type="button"
            className={createdAt ? "secondary" : undefined}
            disabled={make.isPending || current.isPending}
            onClick={() => (createdAt ? setConfirming(true) : make.mutate(undefined))}
          >
            {make.isPending
              ? "Making…"
              : createdAt
                ? "Make a new address (the old one stops)"
                : "Make my address"}
          </button>
        )}
      </div>
    </section>
  );
}
