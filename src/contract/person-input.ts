/** A person as the CLI, the API and the web add or edit them. */
import type { Layer, LedgerMode } from "../domain/model.js";

/** What may be said about a person when adding or editing them; absent fields stay as they are. */
export interface PersonInput {
  name?: string;
  givenName?: string | null;
  familyName?: string | null;
  nickname?: string | null;
  organization?: string | null;
  department?: string | null;
  title?: string | null;
  emails?: string[];
  phones?: string[];
  urls?: string[];
  tags?: string[];
  layer?: Layer;
  closeness?: number;
  cadenceDays?: number | null;
  ledgerMode?: LedgerMode;
  metText?: string | null;
  metOn?: string | null;
  metThrough?: string | null;
  birthday?: string | null;
  archived?: boolean;
}
