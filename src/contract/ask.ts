/** Asks and promises, as `ask --json`, `promise --json`, the API and the web read them. */

/** A favour I asked of a person or a department. */
export interface AskJson {
  id: string;
  number: number;
  personId: string | null;
  departmentId: string | null;
  /** the person's or the department's name */
  counterpart: string;
  summary: string;
  askedAt: string;
  /** open | fulfilled | declined | withdrawn */
  status: string;
  resolvedAt: string | null;
  /** the ledger entry that fulfilled it */
  exchangeId: string | null;
}

/** A promise, mine or theirs, with its due date. */
export interface CommitmentJson {
  id: string;
  number: number;
  personId: string | null;
  departmentId: string | null;
  counterpart: string;
  /** i_owe | they_owe */
  direction: string;
  summary: string;
  dueOn: string | null;
  status: string;
  /** open and past its due date */
  late: boolean;
  createdAt: string;
  resolvedAt: string | null;
  exchangeId: string | null;
}
