/** Needs and offers (DESIGN §1), and the user's own offers, as `--json`, the API and the web read them. */

/** What a need and an offer have alike: a short text on a person, numbered, open until closed. */
export interface NeedOrOfferJson {
  id: string;
  number: number;
  personId: string;
  /** the person's name */
  person: string;
  text: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface NeedJson extends NeedOrOfferJson {
  /** open | met | dropped */
  status: string;
  /** who met it: a person, "me", or null when not said */
  metBy: { id: string; name: string } | "me" | null;
  exchangeId: string | null;
}

export interface OfferJson extends NeedOrOfferJson {
  /** open | withdrawn */
  status: string;
}

/** An offer of the user's own: no person, numbered with everyone's offers. */
export interface OwnOfferJson {
  id: string;
  number: number;
  text: string;
  /** open | withdrawn */
  status: string;
  createdAt: string;
  resolvedAt: string | null;
}
