/**
 * Push notes in Settings → Reminders: subscribe this browser (it asks for permission first), and the
 * browsers and phones that get notes, each with Remove. A browser that cannot get push says why.
 */
import { useEffect, useId, useState } from "react";
import type { RemindersJson } from "../../../../src/contract/reminders.js";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { formatDate } from "../../components/badges";
import { FormError } from "../../components/states";
import {
  BLOCKED,
  deviceLabel,
  ownSubscriptionId,
  pushUnsupported,
  rememberOwnSubscription,
  subscribeThisBrowser,
  unsubscribeThisBrowser,
} from "./push-device";

export function ThisDevice({ reminders: r }: { reminders: RemindersJson }) {
  const id = useId();
  const [unsupported] = useState(pushUnsupported);
  const [permission, setPermission] = useState(() => (unsupported ? null : Notification.permission));
  const [ownId, setOwnId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ownSubscriptionId()
      .then((found) => {
        if (live) setOwnId(found);
      })
      // no service worker yet, storage refused: this browser is simply not known as subscribed
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const subscribe = useWrite(
    async () => {
      let subscription: Awaited<ReturnType<typeof subscribeThisBrowser>>;
      try {
        subscription = await subscribeThisBrowser(r.push.publicKey);
      } finally {
        setPermission(Notification.permission);
      }
      const saved = await api.addPushSubscription({ ...subscription, label: deviceLabel() });
      rememberOwnSubscription(saved.subscription.id);
      return saved;
    },
    { onSuccess: (saved) => setOwnId(saved.subscription.id) },
  );
  const remove = useWrite(
    async (subscriptionId: string) => {
      await api.removePushSubscription(subscriptionId);
      // The server sends nothing more to it either way; the browser's own copy is tidied if it can be.
      if (subscriptionId === ownId) await unsubscribeThisBrowser().catch(() => {});
      return subscriptionId;
    },
    {
      onSuccess: (subscriptionId) => {
        if (subscriptionId === ownId) setOwnId(null);
      },
    },
  );

  const devices = r.push.subscriptions;
  const here = ownId !== null && devices.some((d) => d.id === ownId);
  return (
    <div className="reminder-part">
      <h3 id={`${id}-title`}>Push notifications</h3>
      {unsupported ? (
        <p className="muted">{unsupported}</p>
      ) : here ? (
        <p className="saved">This device gets notes.</p>
      ) : (
        <>
          <p className="muted">
            The note as a notification on this browser or phone, at its time. The browser asks you to allow
            notifications first.
          </p>
          {permission === "denied" && !subscribe.error && <p className="form-error">{BLOCKED}</p>}
          <div className="buttons start">
            <button type="button" disabled={subscribe.isPending} onClick={() => subscribe.mutate(undefined)}>
              {subscribe.isPending ? "Subscribing…" : "Get notes on this device"}
            </button>
          </div>
        </>
      )}
      <FormError error={subscribe.error} />
      <FormError error={remove.error} />
      {devices.length > 0 && (
        <ul className="rows compact" aria-label="Devices that get notes">
          {devices.map((device) => {
            const name = device.label ?? "A browser";
            return (
              <li key={device.id}>
                <div className="row-main">
                  <span className="name">{name}</span>{" "}
                  {device.id === ownId && <span className="badge balance-giving">This device</span>}
                  <p className="muted">Since {formatDate(device.createdAt)}</p>
                </div>
                <div className="buttons">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove ${name}${device.id === ownId ? " (this device)" : ""}`}
                    disabled={remove.isPending && remove.variables === device.id}
                    onClick={() => remove.mutate(device.id)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
