/**
 * The giving balance (DESIGN §3.1): a meter of the ratio with its two thresholds and its label, and
 * what was given and received month by month. A communal relationship keeps no ledger: no numbers,
 * no chart.
 */
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { api } from "../../api/client";
import { BalanceBadge } from "../../components/badges";
import { ErrorState, Loading } from "../../components/states";
import { type Overview, personKeys } from "./overview";

// The chart is loaded only when one is drawn: it stays out of the first screen's JavaScript.
const BalanceChart = lazy(() => import("../../components/balance-chart"));

const LOW = 0.35;
const HIGH = 0.65;

const MEANING: Record<Overview["balance"]["label"], string> = {
  overdrawn: "You have received much more than you gave. Give first before you ask again.",
  balanced: "Giving and receiving are about even.",
  giving: "You have given more than you received lately.",
  untracked: "This relationship is communal: its ledger is not kept, so no numbers are shown.",
};

export function BalanceGauge({ balance }: { balance: Overview["balance"] }) {
  if (balance.ratio === null || balance.label === "untracked") {
    return (
      <div className="gauge-untracked">
        <p>
          <BalanceBadge balance={balance} /> {MEANING.untracked}
        </p>
      </div>
    );
  }
  const percent = `${Math.round(balance.ratio * 100)}%`;
  return (
    <div className="gauge">
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot draw the three zones and the needle */}
      <div
        className="gauge-track"
        role="meter"
        aria-label="Giving balance"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={balance.ratio}
        aria-valuetext={`${balance.ratio.toFixed(2)}, ${balance.label}`}
      >
        <span className="gauge-zone zone-low" style={{ width: `${LOW * 100}%` }} />
        <span className="gauge-zone zone-mid" style={{ width: `${(HIGH - LOW) * 100}%` }} />
        <span className="gauge-zone zone-high" style={{ width: `${(1 - HIGH) * 100}%` }} />
        <span className={`gauge-needle needle-${balance.label}`} style={{ left: percent }} />
      </div>
      <div className="gauge-scale" aria-hidden="true">
        <span style={{ left: "0%" }}>0</span>
        <span style={{ left: `${LOW * 100}%` }}>0.35</span>
        <span style={{ left: `${HIGH * 100}%` }}>0.65</span>
        <span style={{ left: "100%" }}>1</span>
      </div>
      <p className="gauge-reading">
        <BalanceBadge balance={balance} />{" "}
        <strong data-testid="balance-ratio">{balance.ratio.toFixed(2)}</strong>
        <span className="muted">
          {" "}
          · gave {balance.gave ?? 0} · received {balance.received ?? 0} (weighted, fading with time) ·{" "}
          {balance.entries === 1 ? "1 entry" : `${balance.entries} entries`}
        </span>
      </p>
      <p className="muted">
        {balance.label === "balanced" && balance.ratio < LOW
          ? // below the line, but too little received yet to call it overdrawn (R < 4)
            "You have received more than you gave, but too little yet to call it overdrawn: a thank-you is enough."
          : MEANING[balance.label]}
      </p>
    </div>
  );
}

export function BalanceCard({ personId, balance }: { personId: string; balance: Overview["balance"] }) {
  const tracked = balance.label !== "untracked";
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">Giving balance</h2>
      <BalanceGauge balance={balance} />
      {tracked && <BalanceHistory personId={personId} />}
    </section>
  );
}

function BalanceHistory({ personId }: { personId: string }) {
  const history = useQuery({
    queryKey: personKeys.history(personId),
    queryFn: () => api.balanceHistory(personId),
  });
  if (history.isPending) return <Loading what="Reading what was given and received" />;
  if (history.isError) return <ErrorState error={history.error} retry={() => void history.refetch()} />;
  const months = history.data.months;
  if (months.every((m) => m.gaveEntries + m.receivedEntries === 0))
    return (
      <p className="muted balance-empty">
        Nothing given or received yet: the months show here from the first entry either way.
      </p>
    );
  return (
    <figure className="balance-figure">
      <Suspense fallback={<Loading what="Drawing the chart" />}>
        <BalanceChart months={months} />
      </Suspense>
      <figcaption className="muted">
        What you gave and what you received each month, weighted by kind (a thank-you 1, a favor 2, time 3).
        Point at a bar for its month.
      </figcaption>
    </figure>
  );
}
