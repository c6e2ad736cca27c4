/**
 * How long a value may be and how many of a kind a person may have: one table for the CLI, the
 * API's schemas, the web forms and an import (which shortens or leaves out what does not fit, with
 * a warning), so that nothing one of them accepts is refused by another.
 */
export const LIMITS = {
  /** a person's name, given and family name, nickname; an organization, department or title */
  name: 200,
  /** one tag */
  tag: 100,
  email: 320,
  phone: 50,
  url: 2000,
  /** how we met, in words */
  metText: 2000,
  /** a note on a person */
  note: 10_000,
  /** what a moment, a give, an ask or a promise was about */
  summary: 2000,
  /** the notes of a moment */
  momentNotes: 20_000,
  /** a need or an offer */
  needOffer: 500,
  /** why two people should meet */
  reason: 1000,
  /** how many emails, phones, links and tags a person may have */
  emails: 50,
  phones: 50,
  urls: 50,
  tags: 100,
  /** how many people one change in bulk (People's selection) may touch */
  bulkPeople: 1000,
} as const;
