/**
 * Everything Goodwill can do, as one interface of JSON-in, JSON-out operations (the shapes of
 * DESIGN §4.1). Two implementations: the local one runs the use-cases against a store (the CLI on a
 * file or database, and the HTTP server for each request); the remote one calls the HTTP API, so
 * the same CLI works against a team server.
 */
import type { today } from "../app/agenda.js";
import type { closeAsk, createAsk, fulfillAsk, preAskCheckJson } from "../app/asks.js";
import type { AcceptedJson, PeopleAddedJson } from "../app/capture/inbox.js";
import type { DepartmentMapJson } from "../app/department-map.js";
import type { suggestForDepartment } from "../app/department-suggest.js";
import type { duplicatePairs, markDistinct } from "../app/duplicates.js";
import type { RecordEditInput } from "../app/edit-records.js";
import type { EventListJson, EventRhythmJson } from "../app/events.js";
import type { ledgerGroups, ledgerOf } from "../app/ledger.js";
import type { mergePeople } from "../app/merge.js";
import type { BulkPeopleInput, BulkPeopleJson } from "../app/people-bulk.js";
import type { personHistory } from "../app/person-history.js";
import type { balanceHistory, scorePerson, showPerson } from "../app/person-page.js";
import type { HistorySource, ImportFile } from "../app/read-file.js";
import type { addPushSubscription, PushSubscriptionInput } from "../app/reminders/status.js";
import type { search } from "../app/search.js";
import type { suggest } from "../app/suggest.js";
import type { PersonJson } from "../app/views.js";
import type { WeekJson } from "../app/week.js";
import type { AskJson, CommitmentJson } from "../contract/ask.js";
import type { BodyPolicy, CaptureResult } from "../contract/capture.js";
import type { CounterpartSummary } from "../contract/counterpart.js";
import type { ImportResult } from "../contract/import-result.js";
import type { CorrespondentJson, InboxAcceptOptions, InboxEdit, InboxItemJson } from "../contract/inbox.js";
import type { IntroductionJson } from "../contract/introduction.js";
import type { LedgerEntryJson } from "../contract/ledger-entry.js";
import type { NeedJson, OfferJson, OwnOfferJson } from "../contract/need-offer.js";
import type { OrganizationJson, TagJson } from "../contract/organization.js";
import type { PersonInput } from "../contract/person-input.js";
import type { RecordKind } from "../contract/record-kind.js";
import type { ReminderSettingsInput, RemindersJson } from "../contract/reminders.js";
import type { TimelinePage } from "../contract/timeline.js";
import type { UndoEntryJson } from "../contract/undo-entry.js";
import type { loadDemo } from "../demo/load-demo.js";
import type { Due } from "../domain/due.js";
import type { Balance } from "../domain/giving-balance.js";

export type { PersonJson };

/** A person or a department, by id: whom an entry, an ask or a promise is with. */
export type CounterpartRef = { personId: string } | { departmentId: string };

/** What a WHO resolves to: the one person/department summary (src/contract). */
export type Resolved = CounterpartSummary;

export interface ExchangeInput {
  direction: "gave" | "received";
  kind?: string;
  weight?: number;
  summary: string;
  occurredAt?: string;
  channel?: string;
  initiatedBy?: string;
}

export interface InteractionInput {
  personIds: string[];
  summary: string;
  occurredAt?: string;
  channel?: string;
  initiatedBy?: string;
  notes?: string | null;
}

export type ExportFormat = "vcard" | "csv" | "json" | "ics";
export type ImportFormat = "auto" | "vcard" | "linkedin" | "google" | "outlook" | "csv" | "json";

type Of<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export interface ProfileJson {
  name: string | null;
  organization: string | null;
  department: string | null;
  /** the working days, "mon" … "sun": work contacts are reached on these */
  workWeek: string[];
  /** an IANA time zone: "today" is the day there */
  timeZone: string;
}

export interface PeopleListJson {
  people: { person: PersonJson; due: Due; balance: Balance; lastContactAt: string | null }[];
  total: number;
  offset: number;
}

export interface EntryResultJson {
  entry: LedgerEntryJson;
  balance: Balance;
}

export interface InteractionResultJson {
  interaction: {
    id: string;
    occurredAt: string;
    channel: string;
    initiatedBy: string;
    summary: string;
    notes: string | null;
    participants: { id: string; name: string }[];
  };
}

export interface DemoResultJson {
  loaded: Of<typeof loadDemo>;
}

/**
 * The fields of a record a user can correct; each kind takes its own (a ledger entry: summary,
 * kind, weight, occurredAt, direction, counterpart; a moment: summary, notes, occurredAt, channel,
 * initiatedBy, personIds; a note: body; a promise: summary, dueOn, direction, status, counterpart;
 * an ask: summary, askedAt, status, counterpart; a need or offer, or an offer of one's own: text,
 * status; an intro: reason).
 */
export type RecordEdit = Omit<RecordEditInput, "counterpart"> & { counterpart?: CounterpartRef };

export interface DeletedRecordJson {
  deleted: { kind: RecordKind; id: string; description: string };
}

export type PeopleSort = "name" | "due" | "balance" | "lastContact";

export interface GoodwillService {
  profile(): Promise<{ profile: ProfileJson }>;
  init(input: {
    name: string;
    /** absent: unchanged; null or "": none */
    organization?: string | null;
    /** absent: unchanged while the organization is; null or "": none */
    department?: string | null;
    /** "mon-fri", "sun-thu", "mon,tue,thu" or a list of day names; absent: unchanged */
    workWeek?: string | string[];
    /** an IANA time zone; absent: unchanged */
    timeZone?: string;
  }): Promise<{ profile: ProfileJson }>;
  /** WHO (id, email, whole name or the starts of its words; dept:NAME) to a person or department. */
  resolve(who: string): Promise<Resolved>;

  /** Refused with "possible_duplicate" when someone has the name, an email or a phone, unless allowDuplicate. */
  addPerson(input: PersonInput & { name: string; allowDuplicate?: boolean }): Promise<PersonJson>;
  listPeople(filter: {
    organization?: string;
    department?: string;
    tag?: string;
    due?: boolean;
    label?: string;
    q?: string;
    sort?: PeopleSort;
    order?: "asc" | "desc";
    limit?: number;
    offset?: number;
  }): Promise<PeopleListJson>;
  getPerson(personId: string): Promise<PersonJson>;
  editPerson(personId: string, input: PersonInput): Promise<PersonJson>;
  removePerson(personId: string): Promise<{ removed: PersonJson }>;
  /** tags, a circle or a rhythm for many people at once, or deleting them: one change, one undo */
  bulkPeople(input: BulkPeopleInput): Promise<BulkPeopleJson>;
  mergePeople(fromId: string, intoId: string): Promise<Of<typeof mergePeople>>;
  addDepartment(
    name: string,
    organization?: string,
  ): Promise<{ department: { id: string; name: string; organization: string } }>;
  listDepartments(): Promise<{ departments: { id: string; name: string; organization: string }[] }>;
  /** every organization (mine first, then by name) with its departments and how many people are in each */
  listOrganizations(): Promise<{ organizations: OrganizationJson[] }>;
  /** every tag, by name, with how many people (not archived) carry it */
  listTags(): Promise<{ tags: TagJson[] }>;

  show(personId: string): Promise<Of<typeof showPerson>>;
  /** A page of the person's timeline, newest first: `before` is the `next` of the page before. */
  timeline(personId: string, options: { before?: string; limit?: number }): Promise<TimelinePage>;
  score(personId: string): Promise<Of<typeof scorePerson>>;
  /** The balance with one person month by month, ending today. */
  balanceHistory(personId: string): Promise<Of<typeof balanceHistory>>;
  /** How much history hangs off the person: said before removing or merging them. */
  personHistory(personId: string): Promise<Of<typeof personHistory>>;
  addNote(
    personId: string,
    body: string,
  ): Promise<{ note: { id: string; personId: string; body: string; createdAt: string } }>;

  logInteraction(input: InteractionInput): Promise<InteractionResultJson>;
  recordExchange(counterpart: CounterpartRef, input: ExchangeInput): Promise<EntryResultJson>;

  ask(
    counterpart: CounterpartRef,
    input: { summary: string; askedAt?: string },
  ): Promise<Of<typeof createAsk>>;
  /** The pre-ask check alone, before deciding to ask (nothing is recorded). */
  checkAsk(counterpart: CounterpartRef): Promise<{ check: Of<typeof preAskCheckJson> }>;
  listAsks(filter: { open?: boolean }): Promise<{ asks: AskJson[] }>;
  fulfillAsk(ref: string, weight?: number): Promise<Of<typeof fulfillAsk>>;
  closeAsk(ref: string, status: "declined" | "withdrawn"): Promise<Of<typeof closeAsk>>;

  promise(
    counterpart: CounterpartRef,
    input: { summary: string; dueOn?: string | null; direction: "i_owe" | "they_owe" },
  ): Promise<{ commitment: CommitmentJson }>;
  listPromises(filter: { all?: boolean }): Promise<{ commitments: CommitmentJson[] }>;
  completePromise(ref: string): Promise<{ commitment: CommitmentJson }>;

  addNeed(personId: string, text: string): Promise<{ need: NeedJson }>;
  listNeeds(filter: { personId?: string; all?: boolean }): Promise<{ needs: NeedJson[] }>;
  editNeed(ref: string, text: string): Promise<{ need: NeedJson }>;
  /** `by`: a person id, or "me" (my own help, recorded as a give) */
  closeNeed(ref: string, input: { status: "met" | "dropped"; by?: string }): Promise<{ need: NeedJson }>;
  addOffer(personId: string, text: string): Promise<{ offer: OfferJson }>;
  listOffers(filter: { personId?: string; all?: boolean }): Promise<{ offers: OfferJson[] }>;
  editOffer(ref: string, text: string): Promise<{ offer: OfferJson }>;
  withdrawOffer(ref: string): Promise<{ offer: OfferJson }>;
  /** The user's own offers (`offer me "…"`), matched against other people's needs; numbered with the offers. */
  addOwnOffer(text: string): Promise<{ ownOffer: OwnOfferJson }>;
  listOwnOffers(filter: { all?: boolean }): Promise<{ ownOffers: OwnOfferJson[] }>;
  withdrawOwnOffer(ref: string): Promise<{ ownOffer: OwnOfferJson }>;

  introduce(input: { aId: string; bId: string; reason: string }): Promise<{ introduction: IntroductionJson }>;
  listIntroductions(filter: { status?: string }): Promise<{ introductions: IntroductionJson[] }>;
  /**
   * `move`: a_agreed | b_agreed | made | declined; `outcome` and `good` go with made; `needs` (met |
   * open) answers for the needs a made introduction was made for
   */
  moveIntroduction(
    ref: string,
    input: { move: string; outcome?: string; good?: boolean; needs?: string },
  ): Promise<{ introduction: IntroductionJson }>;

  /** departments of my organization (or of `organization`, a name) with strength and balance */
  map(organization?: string): Promise<DepartmentMapJson>;

  /** up to seven gives for the coming week, on the days that suit them */
  week(): Promise<WeekJson>;
  /** moments with three or more people (and people met alike), the newest first */
  events(): Promise<EventListJson>;
  /** a rhythm (every `everyDays`, 90 unless told) for everyone first met at the event who has none */
  eventRhythm(ref: string, everyDays?: number): Promise<EventRhythmJson>;

  today(options: { all?: boolean }): Promise<Of<typeof today>>;
  /** The ledger of a person (id), `dept:NAME`, `org:NAME`, or everyone without a subject. */
  ledger(subject?: string): Promise<Of<typeof ledgerOf>>;
  ledgerGroups(by: "person" | "dept" | "org"): Promise<Of<typeof ledgerGroups>>;
  suggest(personId?: string): Promise<Of<typeof suggest>>;
  /** thank-yous owed to a department (by id) and its people, the person to start with, its playbook */
  suggestForDepartment(departmentId: string): Promise<Of<typeof suggestForDepartment>>;
  /** the best `limit` (default 30, at most 200) hits for `query` */
  search(query: string, limit?: number): Promise<Of<typeof search>>;

  importContacts(
    file: ImportFile,
    format: ImportFormat,
    onProgress?: (bytesRead: number) => void,
  ): Promise<ImportResult>;
  /** Mail or calendar history (mbox, .eml, .ics): moments for the people you know (issue 18). */
  importHistory(
    source: HistorySource,
    options: { bodies?: BodyPolicy | undefined; me?: readonly string[] | undefined },
    onProgress?: (bytesRead: number) => void,
  ): Promise<CaptureResult>;
  exportData(
    format: ExportFormat,
    options: { vcardVersion?: "3.0" | "4.0" },
  ): Promise<{ text: string; count: number }>;
  loadDemo(): Promise<DemoResultJson>;

  /** Corrects a record (`ref`: its id, or its number where it has one); answers it as it is now. */
  editRecord(kind: RecordKind, ref: string, edit: RecordEdit): Promise<Record<string, unknown>>;
  deleteRecord(kind: RecordKind, ref: string): Promise<DeletedRecordJson>;
  /** Undoes one write (the newest still in force without an id) and says what it did. */
  undo(id?: string): Promise<{ undone: UndoEntryJson; summary: string }>;
  /** The journal, newest first: every write (`kind: "import"`: the imports) of the last 30 days. */
  listUndo(options: { limit?: number; kind?: "write" | "import" }): Promise<{ entries: UndoEntryJson[] }>;
  /** the likeliest `limit` (default 100, at most 1000) duplicate pairs: same email, same phone, names alike */
  duplicates(options?: { limit?: number }): Promise<Of<typeof duplicatePairs>>;
  /** two people (ids) are not one: the duplicates no longer pair them */
  markDistinct(aId: string, bId: string): Promise<Of<typeof markDistinct>>;

  /** when notes go out, on which channels, and how the last sends went */
  reminders(): Promise<{ reminders: RemindersJson }>;
  /** changes the reminder settings; a new webhook's secret is in the answer, once */
  setReminders(
    input: ReminderSettingsInput,
  ): Promise<{ reminders: RemindersJson; webhookSecret: string | null }>;
  /** a browser that gets push notes */
  addPushSubscription(input: PushSubscriptionInput): Promise<Of<typeof addPushSubscription>>;
  removePushSubscription(id: string): Promise<{ removed: string }>;

  /** The Inbox: suggested entries from captured mail, newest first (`open`: how many) */
  inbox(): Promise<{ items: InboxItemJson[]; open: number }>;
  /** changes what an item suggests (`ref`: its number or id) without deciding it */
  editInboxItem(ref: string, edit: InboxEdit): Promise<{ item: InboxItemJson }>;
  /** records what an item suggests, after an optional edit: one write, one undo */
  acceptInboxItem(ref: string, options: InboxAcceptOptions): Promise<AcceptedJson>;
  dismissInboxItems(refs: string[]): Promise<{ dismissed: InboxItemJson[] }>;
  /** the people the user writes to often who are not people yet, the most messages first */
  inboxPeople(): Promise<{ people: CorrespondentJson[] }>;
  /** makes people of them (`refs`: numbers in that list, or addresses): one write */
  addInboxPeople(refs: string[]): Promise<PeopleAddedJson>;
  dismissInboxPeople(refs: string[]): Promise<{ dismissed: CorrespondentJson[] }>;
}
