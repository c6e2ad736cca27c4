/** One entry of the giving ledger, as `ledger --json`, the API and the web read it (DESIGN §4.1). */
import type { CounterpartJson } from "./counterpart.js";

export interface LedgerEntryJson {
  id: string;
  /** gave | received */
  direction: string;
  kind: string;
  weight: number;
  summary: string;
  occurredAt: string;
  counterpart: CounterpartJson;
  /** the ask this entry settled, if any */
  askId: string | null;
  /** the promise this entry kept, if any */
  commitmentId: string | null;
}
