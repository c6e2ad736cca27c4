/**
 * The tables as Kysely sees them. Every table carries `owner_id`, and every key and index leads with
 * it (DESIGN §5), so one account's rows sit together and the schema can be distributed by owner.
 *
 * Portable column conventions (the same values on SQLite and PostgreSQL):
 * - ids are UUIDv7 text, generated in the application;
 * - instants are ISO-8601 UTC text with milliseconds (`2026-11-25T18:00:00.000Z`), which sort as text;
 * - calendar dates are `YYYY-MM-DD` text, year-less dates `--MM-DD`;
 * - flags are integers 0/1; lists of tags are JSON text.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface OwnersTable {
  id: string;
  /** "local" for the one owner of an embedded store; "account" for server accounts. */
  kind: string;
  name: string | null;
  organization_id: string | null;
  department_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationsTable {
  owner_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
}

export interface DepartmentsTable {
  owner_id: string;
  id: string;
  organization_id: string;
  name: string;
  name_key: string;
  created_at: string;
}

export interface PeopleTable {
  owner_id: string;
  id: string;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  /** display name folded (lower case, accents removed) for lookups by name */
  name_key: string;
  organization_id: string | null;
  department_id: string | null;
  title: string | null;
  tags: string;
  met_text: string | null;
  met_on: string | null;
  met_through_id: string | null;
  birthday: string | null;
  layer: number;
  closeness: number;
  cadence_days: number | null;
  ledger_mode: string;
  archived: number;
  /** where the person came from (vCard UID), so a re-import finds them again */
  uid: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonEmailsTable {
  owner_id: string;
  person_id: string;
  position: number;
  value: string;
  value_key: string;
  label: string | null;
  pref: number;
}

export interface PersonPhonesTable {
  owner_id: string;
  person_id: string;
  position: number;
  value: string;
  value_key: string;
  label: string | null;
  pref: number;
}

export interface PersonUrlsTable {
  owner_id: string;
  person_id: string;
  position: number;
  value: string;
  label: string | null;
}

export interface PersonDatesTable {
  owner_id: string;
  person_id: string;
  label: string;
  date: string;
}

export interface PersonRelatedTable {
  owner_id: string;
  person_id: string;
  position: number;
  name: string;
  relation: string | null;
}

export interface InteractionsTable {
  owner_id: string;
  id: string;
  occurred_at: string;
  channel: string;
  initiated_by: string;
  summary: string;
  notes: string | null;
  created_at: string;
}

export interface InteractionParticipantsTable {
  owner_id: string;
  interaction_id: string;
  person_id: string;
}

export interface ExchangesTable {
  owner_id: string;
  id: string;
  /** exactly one of person_id and department_id is set */
  person_id: string | null;
  department_id: string | null;
  direction: string;
  kind: string;
  weight: number;
  summary: string;
  occurred_at: string;
  channel: string;
  initiated_by: string;
  ask_id: string | null;
  commitment_id: string | null;
  created_at: string;
}

export interface AsksTable {
  owner_id: string;
  id: string;
  /** small per-owner number the CLI shows and accepts ("goodwill ask fulfill 3") */
  number: number;
  person_id: string | null;
  department_id: string | null;
  summary: string;
  asked_at: string;
  status: string;
  resolved_at: string | null;
  exchange_id: string | null;
  created_at: string;
}

export interface CommitmentsTable {
  owner_id: string;
  id: string;
  number: number;
  person_id: string | null;
  department_id: string | null;
  direction: string;
  summary: string;
  due_on: string | null;
  status: string;
  created_at: string;
  resolved_at: string | null;
  exchange_id: string | null;
}

export interface NotesTable {
  owner_id: string;
  id: string;
  person_id: string;
  body: string;
  created_at: string;
}

/** A need ("hiring a designer") or an offer ("knows payroll rules") of a person. */
export interface NeedsTable {
  owner_id: string;
  id: string;
  number: number;
  person_id: string;
  text: string;
  /** needs: open | met | dropped; offers: open | withdrawn */
  status: string;
  created_at: string;
  resolved_at: string | null;
  met_by_id: string | null;
  exchange_id: string | null;
}

export type OffersTable = NeedsTable;

/** An offer of the user's own ("I can review contracts"): no person, numbered with the offers. */
export interface OwnOffersTable {
  owner_id: string;
  id: string;
  number: number;
  text: string;
  /** open | withdrawn */
  status: string;
  created_at: string;
  resolved_at: string | null;
}

/** An introduction I broker between two people (double opt-in). */
export interface IntroductionsTable {
  owner_id: string;
  id: string;
  number: number;
  a_id: string;
  b_id: string;
  reason: string;
  /** proposed | a_agreed | b_agreed | agreed | made | declined */
  status: string;
  a_agreed_at: string | null;
  b_agreed_at: string | null;
  made_at: string | null;
  declined_at: string | null;
  outcome: string | null;
  outcome_good: number;
  a_exchange_id: string | null;
  b_exchange_id: string | null;
  created_at: string;
}

/** One failed sign-in: by account ("a:" and its email key) and by address ("i:"), for the throttle. */
export interface LoginFailuresTable {
  key: string;
  failed_at: string;
}

export interface SettingsTable {
  owner_id: string;
  key: string;
  value: string;
}

/** One note on one channel for one local day: the key that makes it go out once (migration 0008). */
export interface ReminderDeliveriesTable {
  owner_id: string;
  kind: string;
  local_date: string;
  channel: string;
  status: string;
  attempts: number;
  lease_until: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PushSubscriptionsTable {
  owner_id: string;
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  label: string | null;
  created_at: string;
}

export interface ReminderActionUsesTable {
  owner_id: string;
  nonce: string;
  used_at: string;
}

/** A write named by an Idempotency-Key, and its first answer (migration 0009). */
export interface IdempotentRequestsTable {
  owner_id: string;
  key: string;
  request_hash: string;
  /** 0 while the first request is being handled */
  status: number;
  response: string | null;
  undo_id: string | null;
  created_at: string;
}

/** The server's own keys, made once (not an owner's: every account's links and pushes use them). */
export interface ServerSecretsTable {
  key: string;
  value: string;
  created_at: string;
}

/**
 * Aggregates of a person's history, kept current on every write so that reading the agenda never
 * scans the history. Decayed sums are stored as growth sums Σ w·2^(t/H) (see domain/decay.ts).
 */
export interface PersonStatsTable {
  owner_id: string;
  person_id: string;
  gave_sum: Generated<number>;
  received_sum: Generated<number>;
  entries: Generated<number>;
  gaves: Generated<number>;
  last_received_at: string | null;
  last_thanks_at: string | null;
  contacts: Generated<number>;
  first_contact_at: string | null;
  last_contact_at: string | null;
  frequency_sum: Generated<number>;
  initiated_me_sum: Generated<number>;
  initiated_them_sum: Generated<number>;
  /** JSON object: channel → ISO instant of its last use */
  channel_last: Generated<string>;
  /** the three instants above as epoch ms, kept on the same write (the agenda ranks on them) */
  last_contact_ms: number | string | null;
  last_received_ms: number | string | null;
  last_thanks_ms: number | string | null;
  /** the agenda's keys (migration 0020), written only by `refreshAgendaKeys`; null when archived */
  agenda_cadence: number | null;
  agenda_due_ms: number | null;
  agenda_weight: number | null;
  agenda_received: number | null;
  agenda_month_day: string | null;
  /** the crowded moment at the first instant (migration 0021), written only by `refreshFirstEvents` */
  first_event_id: string | null;
}

/** The same ledger aggregates for entries logged against a department itself. */
export interface DepartmentStatsTable {
  owner_id: string;
  department_id: string;
  gave_sum: Generated<number>;
  received_sum: Generated<number>;
  entries: Generated<number>;
  gaves: Generated<number>;
  last_received_at: string | null;
  last_thanks_at: string | null;
}

/** The best channel weight of each day with contact, so frequency counts a day once. */
export interface ContactDaysTable {
  owner_id: string;
  person_id: string;
  day: number;
  best: number;
}

/** Text that search finds: one row per person, note, exchange, interaction, ask and commitment. */
export interface SearchDocumentsTable {
  owner_id: string;
  kind: string;
  ref_id: string;
  person_id: string | null;
  body: string;
}

export interface UsersTable {
  owner_id: string;
  email: string;
  email_key: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  owner_id: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  owner_id: string;
  id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One write the user made, which `goodwill undo` can revert (migration 0005). */
export interface UndoEntriesTable {
  owner_id: string;
  id: string;
  /** "write" for one command or click; "import" for a whole import */
  kind: string;
  action: string;
  description: string;
  /** JSON: what an import read (file name, format, counts) */
  meta: string | null;
  created_at: string;
  undone_at: string | null;
  undo_summary: string | null;
}

/** A row as it was before a journaled write (or only the key of a row the write added). */
export interface UndoRowsTable {
  owner_id: string;
  seq: Generated<number>;
  entry_id: string;
  table_name: string;
  /** insert | update | delete, or insert-rows: many added rows in one (journal.repository.ts) */
  op: string;
  key_json: string;
  old_row: string | null;
}

/** While a journaled write runs, which entry its rows belong to (set and cleared in its transaction). */
export interface JournalStateTable {
  owner_id: string;
  entry_id: string;
}

/** An owner's CardDAV change counter (migration 0012). */
export interface DavAddressBooksTable {
  owner_id: string;
  revision: number;
}

/** One card of the CardDAV address book, or the tombstone of a deleted one (migration 0012). */
export interface DavCardsTable {
  owner_id: string;
  name: string;
  person_id: string | null;
  uid: string;
  content_hash: string;
  etag: string;
  card: string;
  kept: string;
  revision: number;
  deleted_at: string | null;
}

/** A person whose card may differ from the one last served (migration 0012, filled by triggers). */
export interface DavChangedPeopleTable {
  owner_id: string;
  person_id: string;
}

/** An app password for CardDAV clients (migration 0012). */
export interface DavPasswordsTable {
  owner_id: string;
  id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A message or meeting seen by a history import or the forwarding address (migration 0013). */
export interface CaptureSourcesTable {
  owner_id: string;
  /** `mail:<Message-ID>`, `ics:<UID>` or `ics:<UID>@<RECURRENCE-ID>` */
  source_key: string;
  /** "email" | "meeting" */
  kind: string;
  /** "logged" | "unmatched" | "skipped" */
  status: string;
  occurred_at: string | null;
  interaction_id: string | null;
  /** the undo entry of the import that saw it */
  import_id: string | null;
  created_at: string;
}

/** An address on captured messages that is not yet a person: "people you write to often". */
export interface CaptureCorrespondentsTable {
  owner_id: string;
  email_key: string;
  email: string;
  name: string | null;
  messages: number;
  first_at: string | null;
  last_at: string | null;
  /** "open" | "added" | "dismissed" */
  status: string;
  person_id: string | null;
}

/** A suggested entry waiting for the user's yes (the Inbox). */
export interface InboxItemsTable {
  owner_id: string;
  id: string;
  /** "gave" | "received" | "ask" | "thanks" | "alias" */
  kind: string;
  person_id: string | null;
  summary: string;
  /** the words that suggested it, for "because the message says …" */
  because: string;
  /** JSON: kind-specific (the exchange kind, the alias's address…) */
  detail: string | null;
  source_key: string | null;
  occurred_at: string;
  /** "open" | "accepted" | "dismissed" */
  status: string;
  /** what accepting it wrote (an exchange, ask, need…) */
  record_id: string | null;
  created_at: string;
  decided_at: string | null;
}

/** Each owner's forwarding address `log-<secret>@<host>`; the secret is kept as its SHA-256 hash. */
export interface CaptureAddressesTable {
  owner_id: string;
  secret_hash: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  owners: OwnersTable;
  organizations: OrganizationsTable;
  departments: DepartmentsTable;
  people: PeopleTable;
  person_emails: PersonEmailsTable;
  person_phones: PersonPhonesTable;
  person_urls: PersonUrlsTable;
  person_dates: PersonDatesTable;
  person_related: PersonRelatedTable;
  interactions: InteractionsTable;
  interaction_participants: InteractionParticipantsTable;
  exchanges: ExchangesTable;
  asks: AsksTable;
  commitments: CommitmentsTable;
  notes: NotesTable;
  settings: SettingsTable;
  reminder_deliveries: ReminderDeliveriesTable;
  push_subscriptions: PushSubscriptionsTable;
  reminder_action_uses: ReminderActionUsesTable;
  server_secrets: ServerSecretsTable;
  idempotent_requests: IdempotentRequestsTable;
  login_failures: LoginFailuresTable;
  needs: NeedsTable;
  offers: OffersTable;
  own_offers: OwnOffersTable;
  introductions: IntroductionsTable;
  person_stats: PersonStatsTable;
  department_stats: DepartmentStatsTable;
  contact_days: ContactDaysTable;
  search_documents: SearchDocumentsTable;
  undo_entries: UndoEntriesTable;
  undo_rows: UndoRowsTable;
  journal_state: JournalStateTable;
  dav_address_books: DavAddressBooksTable;
  dav_cards: DavCardsTable;
  dav_passwords: DavPasswordsTable;
  dav_changed_people: DavChangedPeopleTable;
  capture_sources: CaptureSourcesTable;
  capture_correspondents: CaptureCorrespondentsTable;
  inbox_items: InboxItemsTable;
  capture_addresses: CaptureAddressesTable;
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type ExchangeRow = Selectable<ExchangesTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type AskRow = Selectable<AsksTable>;
export type CommitmentRow = Selectable<CommitmentsTable>;
export type NoteRow = Selectable<NotesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type PersonStatsRow = Selectable<PersonStatsTable>;
export type DepartmentStatsRow = Selectable<DepartmentStatsTable>;
export type NeedRow = Selectable<NeedsTable>;
export type OfferRow = Selectable<OffersTable>;
export type OwnOfferRow = Selectable<OwnOffersTable>;
export type IntroductionRow = Selectable<IntroductionsTable>;
export type OwnerRow = Selectable<OwnersTable>;
export type UndoEntryRow = Selectable<UndoEntriesTable>;
