/**
 * The service over a store: each method checks what it is given and runs the use-cases. The
 * use-cases a command seldom needs load on first use, so that `goodwill gave` parses the recording
 * of a moment and not the agenda, the matcher of needs or the importers (the CLI starts fast).
 */
import type { AppContext } from "../app/context.js";
import { balanceWith, entryJson, ledgerGroups, ledgerOf, resolveLedgerSubject } from "../app/ledger.js";
import { addNote, logInteraction, recordExchange } from "../app/moments.js";
import {
  addPerson,
  describeMe,
  editPerson,
  getPersonJson,
  initProfile,
  listPeopleWithState,
  peopleJson,
  readPersonInput,
  readPersonJson,
  removePerson,
} from "../app/people.js";
import { loadMe, type RelationshipState } from "../app/relationship-state.js";
import { listUndo, undo } from "../app/undo.js";
import { balanceJson, dueJson } from "../app/views.js";
import {
  type Counterpart,
  counterpartOfRow,
  counterpartSummary,
  resolveCounterpart,
  resolvePerson,
} from "../app/who.js";
import { readChannel, readInitiator, readKind, readText, readWeight, readWhen } from "../contract/input.js";
import { LIMITS } from "../domain/limits.js";
import { GoodwillError } from "../errors.js";
import { isId } from "../storage/keys.js";
import { listDepartments, listOrganizations } from "../storage/organization.repository.js";
import type { CounterpartRef, GoodwillService, PeopleSort } from "./goodwill-service.js";

/** A module loaded once, on first use; later calls cost one resolved promise. */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

const agenda = onFirstUse(() => import("../app/agenda.js"));
const asks = onFirstUse(() => import("../app/asks.js"));
const commitments = onFirstUse(() => import("../app/commitments.js"));
const departmentMap = onFirstUse(() => import("../app/department-map.js"));
const departmentSuggest = onFirstUse(() => import("../app/department-suggest.js"));
const departments = onFirstUse(() => import("../app/departments.js"));
const duplicates = onFirstUse(() => import("../app/duplicates.js"));
const editRecords = onFirstUse(() => import("../app/edit-records.js"));
const events = onFirstUse(() => import("../app/events.js"));
const inbox = onFirstUse(() => import("../app/capture/inbox.js"));
const introductions = onFirstUse(() => import("../app/introductions.js"));
const merge = onFirstUse(() => import("../app/merge.js"));
const needsOffers = onFirstUse(() => import("../app/needs-offers.js"));
const organizations = onFirstUse(() => import("../app/organizations.js"));
const ownOffers = onFirstUse(() => import("../app/own-offers.js"));
const peopleBulk = onFirstUse(() => import("../app/people-bulk.js"));
const personHistory = onFirstUse(() => import("../app/person-history.js"));
const personPage = onFirstUse(() => import("../app/person-page.js"));
const reminderSettings = onFirstUse(() => import("../app/reminders/settings.js"));
const reminderStatus = onFirstUse(() => import("../app/reminders/status.js"));
const searching = onFirstUse(() => import("../app/search.js"));
const suggestions = onFirstUse(() => import("../app/suggest.js"));
const timeline = onFirstUse(() => import("../app/timeline.js"));
const week = onFirstUse(() => import("../app/week.js"));

/** An instant given as text (ISO) or absent (now), checked like the CLI's --on. */
function when(ctx: AppContext, field: string, value: string | undefined): number {
  return value === undefined ? ctx.now : readWhen(field, value, ctx.now);
}

async function counterpartOf(ctx: AppContext, ref: CounterpartRef): Promise<Counterpart> {
  return counterpartOfRow(ctx, {
    person_id: "personId" in ref ? ref.personId : null,
    department_id: "departmentId" in ref ? ref.departmentId : null,
  });
}

/**
 * The People list's orders, each in its natural direction (`order=desc` reverses): by name A–Z, the
 * most pressing due first, the most overdrawn first (untracked last), the longest without contact first.
 */
function sortPeople(states: RelationshipState[], sort: PeopleSort): RelationshipState[] {
  const byName = (a: RelationshipState, b: RelationshipState) =>
    a.person.name_key.localeCompare(b.person.name_key);
  const keyed: Record<PeopleSort, (a: RelationshipState, b: RelationshipState) => number> = {
    name: byName,
    due: (a, b) => b.due.priority - a.due.priority || byName(a, b),
    balance: (a, b) => (a.balance.ratio ?? 2) - (b.balance.ratio ?? 2) || byName(a, b),
    lastContact: (a, b) => (a.lastContactAt ?? -1) - (b.lastContactAt ?? -1) || byName(a, b),
  };
  return [...states].sort(keyed[sort]);
}

export function localService(ctx: AppContext): GoodwillService {
  const person = async (personId: string) => resolvePerson(ctx, personId);
  return {
    async profile() {
      return { profile: await describeMe(ctx, await loadMe(ctx)) };
    },
    async init(input) {
      const me = await initProfile(ctx, { ...input, name: readText("name", input.name, LIMITS.name) });
      return { profile: await describeMe(ctx, me) };
    },
    resolve: async (who) => counterpartSummary(ctx, await resolveCounterpart(ctx, who)),

    async addPerson({ allowDuplicate, ...input }) {
      const checked = readPersonInput({ ...input, name: readText("name", input.name, LIMITS.name) });
      if (!allowDuplicate) await (await duplicates()).refuseDuplicate(ctx, checked);
      return addPerson(ctx, checked);
    },
    async listPeople(filter) {
      let states = await listPeopleWithState(ctx, {
        ...(filter.organization ? { organization: filter.organization } : {}),
        ...(filter.department ? { department: filter.department } : {}),
        ...(filter.tag ? { tag: filter.tag } : {}),
        dueOnly: filter.due ?? false,
      });
      if (filter.label) states = states.filter((s) => s.balance.label === filter.label);
      if (filter.q) {
        const q = filter.q
          .normalize("NFKD")
          .replace(/\p{M}+/gu, "")
          .toLowerCase();
        states = states.filter((s) => s.person.name_key.includes(q));
        // Unless told how to sort, what was typed starts the name, then a word of it, then the rest:
        // "ra" finds Raj before Elena Rivera (a stable sort keeps the name order within each).
        if (!filter.sort) {
          const rank = (name: string) => (name.startsWith(q) ? 0 : name.includes(` ${q}`) ? 1 : 2);
          states = [...states].sort((a, b) => rank(a.person.name_key) - rank(b.person.name_key));
        }
      }
      if (filter.sort) states = sortPeople(states, filter.sort);
      if (filter.order === "desc") states.reverse();
      const total = states.length;
      const offset = filter.offset ?? 0;
      const page =
        filter.limit === undefined ? states.slice(offset) : states.slice(offset, offset + filter.limit);
      const people = await peopleJson(
        ctx,
        page.map((s) => s.person.id),
      );
      const byId = new Map(people.map((p) => [p.id, p]));
      return {
        people: page.flatMap((s) => {
          const json = byId.get(s.person.id);
          if (!json) return [];
          return [
            {
              person: json,
              due: dueJson(s.due),
              balance: balanceJson(s.balance),
              lastContactAt: s.lastContactAt === null ? null : new Date(s.lastContactAt).toISOString(),
            },
          ];
        }),
        total,
        offset,
      };
    },
    // An id needs no resolving: the read answers "no person has the id" itself, and may be cached.
    getPerson: async (personId) =>
      isId(personId) ? readPersonJson(ctx, personId) : getPersonJson(ctx, (await person(personId)).id),
    editPerson: (personId, input) => editPerson(ctx, personId, readPersonInput(input)),
    removePerson: async (personId) => ({ removed: await removePerson(ctx, personId) }),
    bulkPeople: async (input) => (await peopleBulk()).bulkPeople(ctx, input),
    mergePeople: async (fromId, intoId) => (await merge()).mergePeople(ctx, fromId, intoId),
    addDepartment: async (name, organization) => ({
      department: await (await departments()).addDepartment(
        ctx,
        readText("department name", name, LIMITS.name),
        organization,
      ),
    }),
    async listDepartments() {
      const organizations = new Map(
        (await listOrganizations(ctx.db, ctx.ownerId)).map((o) => [o.id, o.name]),
      );
      return {
        departments: (await listDepartments(ctx.db, ctx.ownerId)).map((d) => ({
          id: d.id,
          name: d.name,
          organization: organizations.get(d.organization_id) ?? "",
        })),
      };
    },
    listOrganizations: async () => (await organizations()).listOrganizationsWithDepartments(ctx),
    listTags: async () => (await organizations()).listTags(ctx),

    show: async (personId) => (await personPage()).showPerson(ctx, await person(personId)),
    timeline: async (personId, options) =>
      (await timeline()).timelinePage(ctx, (await person(personId)).id, options),
    balanceHistory: async (personId) => (await personPage()).balanceHistory(ctx, await person(personId)),
    personHistory: async (personId) => (await personHistory()).personHistory(ctx, personId),
    score: async (personId) => (await personPage()).scorePerson(ctx, await person(personId)),
    async addNote(personId, body) {
      const p = await person(personId);
      const note = await addNote(ctx, p.id, readText("note", body, 10_000));
      return { note: { id: note.id, personId: p.id, body: note.body, createdAt: note.created_at } };
    },

    async logInteraction(input) {
      const summary = readText("summary", input.summary);
      const at = when(ctx, "--on", input.occurredAt);
      const channel = input.channel ? readChannel(input.channel) : "other";
      const initiatedBy = input.initiatedBy ? readInitiator(input.initiatedBy) : "unknown";
      if (input.personIds.length === 0)
        throw new GoodwillError("invalid", "A moment needs at least one person.");
      const people = [];
      for (const id of input.personIds) people.push(await person(id));
      const moment = await logInteraction(
        ctx,
        people.map((p) => p.id),
        { summary, at, channel, initiatedBy, notes: input.notes ?? null },
      );
      return {
        interaction: {
          id: moment.id,
          occurredAt: moment.occurred_at,
          channel: moment.channel,
          initiatedBy: moment.initiated_by,
          summary: moment.summary,
          notes: moment.notes,
          participants: people.map((p) => ({ id: p.id, name: p.display_name })),
        },
      };
    },
    async recordExchange(ref, input) {
      const kind = input.kind ? readKind(input.kind) : "favor";
      const summary = readText("summary", input.summary);
      const weight = input.weight !== undefined ? readWeight(input.weight) : undefined;
      const at = when(ctx, "--on", input.occurredAt);
      const channel = input.channel ? readChannel(input.channel) : undefined;
      const initiatedBy = input.initiatedBy ? readInitiator(input.initiatedBy) : undefined;
      const counterpart = await counterpartOf(ctx, ref);
      const entry = await recordExchange(ctx, counterpart, {
        direction: input.direction,
        kind,
        summary,
        at,
        ...(weight !== undefined ? { weight } : {}),
        ...(channel ? { channel } : {}),
        ...(initiatedBy ? { initiatedBy } : {}),
      });
      const name =
        counterpart.kind === "person" ? counterpart.person.display_name : counterpart.department.name;
      return {
        entry: entryJson(entry, name),
        balance: balanceJson(await balanceWith(ctx, counterpart)),
      };
    },

    async ask(ref, input) {
      const summary = readText("summary", input.summary);
      return (await asks()).createAsk(
        ctx,
        await counterpartOf(ctx, ref),
        summary,
        when(ctx, "--on", input.askedAt),
      );
    },
    async checkAsk(ref) {
      const { preAskCheck, preAskCheckJson } = await asks();
      return { check: preAskCheckJson(await preAskCheck(ctx, await counterpartOf(ctx, ref))) };
    },
    listAsks: async (filter) => ({
      asks: await (await asks()).listAsksJson(ctx, { openOnly: filter.open ?? false }),
    }),
    fulfillAsk: async (ref, weight) =>
      (await asks()).fulfillAsk(ctx, ref, weight === undefined ? undefined : readWeight(weight)),
    closeAsk: async (ref, status) => (await asks()).closeAsk(ctx, ref, status),

    async promise(ref, input) {
      const summary = readText("summary", input.summary);
      return {
        commitment: await (await commitments()).createCommitment(ctx, await counterpartOf(ctx, ref), {
          summary,
          dueOn: input.dueOn ?? null,
          direction: input.direction,
        }),
      };
    },
    listPromises: async (filter) => ({
      commitments: await (await commitments()).listCommitmentsJson(ctx, { all: filter.all ?? false }),
    }),
    completePromise: async (ref) => ({
      commitment: await (await commitments()).completeCommitment(ctx, ref),
    }),

    addNeed: async (personId, text) => ({ need: await (await needsOffers()).addNeed(ctx, personId, text) }),
    listNeeds: async (filter) => ({ needs: await (await needsOffers()).listNeeds(ctx, filter) }),
    editNeed: async (ref, text) => ({ need: await (await needsOffers()).editNeed(ctx, ref, text) }),
    closeNeed: async (ref, input) => ({ need: await (await needsOffers()).closeNeed(ctx, ref, input) }),
    addOffer: async (personId, text) => ({
      offer: await (await needsOffers()).addOffer(ctx, personId, text),
    }),
    listOffers: async (filter) => ({ offers: await (await needsOffers()).listOffers(ctx, filter) }),
    editOffer: async (ref, text) => ({ offer: await (await needsOffers()).editOffer(ctx, ref, text) }),
    withdrawOffer: async (ref) => ({ offer: await (await needsOffers()).withdrawOffer(ctx, ref) }),
    addOwnOffer: async (text) => ({ ownOffer: await (await ownOffers()).addOwnOffer(ctx, text) }),
    listOwnOffers: async (filter) => ({ ownOffers: await (await ownOffers()).listOwnOffers(ctx, filter) }),
    reminders: async () => ({ reminders: await (await reminderStatus()).remindersJson(ctx) }),
    async setReminders(input) {
      const { settings, webhookSecret } = await (await reminderSettings()).saveReminderSettings(ctx, input);
      return { reminders: await (await reminderStatus()).remindersJson(ctx, settings), webhookSecret };
    },
    addPushSubscription: async (input) => (await reminderStatus()).addPushSubscription(ctx, input),
    removePushSubscription: async (id) => (await reminderStatus()).dropPushSubscription(ctx, id),
    withdrawOwnOffer: async (ref) => ({ ownOffer: await (await ownOffers()).withdrawOwnOffer(ctx, ref) }),

    introduce: async (input) => ({
      introduction: await (await introductions()).proposeIntroduction(ctx, input),
    }),
    listIntroductions: async (filter) => ({
      introductions: await (await introductions()).listIntroductions(ctx, filter),
    }),
    moveIntroduction: async (ref, input) => ({
      introduction: await (await introductions()).moveIntroduction(ctx, ref, input),
    }),

    map: async (organization) => (await departmentMap()).departmentMap(ctx, organization),
    week: async () => (await week()).givingWeek(ctx),
    events: async () => (await events()).listEvents(ctx),
    eventRhythm: async (ref, everyDays) =>
      (await events()).setEventRhythm(ctx, readText("event", ref, 400), everyDays),

    today: async (options) => (await agenda()).today(ctx, options),
    ledger: async (subject) => ledgerOf(ctx, await resolveLedgerSubject(ctx, subject)),
    ledgerGroups: (by) => ledgerGroups(ctx, by),
    suggest: async (personId) => (await suggestions()).suggest(ctx, personId),
    suggestForDepartment: async (departmentId) =>
      (await departmentSuggest()).suggestForDepartment(ctx, departmentId),
    async search(query, limit) {
      const { SEARCH_LIMIT, SEARCH_MAX_LIMIT, search } = await searching();
      return search(
        ctx,
        readText("query", query, 500),
        readLimit(limit, SEARCH_LIMIT, SEARCH_MAX_LIMIT, "results"),
      );
    },

    // Address books and backups load their readers and writers only when used: the CLI starts fast.
    importContacts: async (file, format, onProgress) =>
      (await import("./transfer.js")).importInto(ctx, file, format, onProgress),
    importHistory: async (source, options, onProgress) =>
      (await import("../app/capture/import-history.js")).importHistory(ctx, source, {
        ...options,
        onProgress,
      }),
    exportData: async (format, options) =>
      (await import("../app/export-contacts.js")).exportContacts(ctx, format, {
        vcardVersion: options.vcardVersion ?? "3.0",
      }),
    loadDemo: async () => ({ loaded: await (await import("../demo/load-demo.js")).loadDemo(ctx) }),

    async editRecord(kind, ref, edit) {
      const { counterpart, ...fields } = edit;
      return (await editRecords()).editRecord(ctx, kind, ref, {
        ...fields,
        ...(counterpart ? { counterpart: await counterpartOf(ctx, counterpart) } : {}),
      });
    },
    deleteRecord: async (kind, ref) => (await editRecords()).deleteRecord(ctx, kind, ref),
    undo: (id) => undo(ctx, id),
    listUndo: async (options) => ({
      entries: await listUndo(ctx, {
        limit: readLimit(options.limit, 20, 200, "changes"),
        ...(options.kind ? { kind: options.kind } : {}),
      }),
    }),
    markDistinct: async (a, b) => (await duplicates()).markDistinct(ctx, a, b),
    inbox: async () => (await inbox()).listInbox(ctx),
    editInboxItem: async (ref, edit) => (await inbox()).editInboxItem(ctx, ref, edit),
    acceptInboxItem: async (ref, options) => (await inbox()).acceptInboxItem(ctx, ref, options),
    dismissInboxItems: async (refs) => (await inbox()).dismissInboxItems(ctx, refs),
    inboxPeople: async () => (await inbox()).listCorrespondents(ctx),
    addInboxPeople: async (refs) => (await inbox()).addCorrespondents(ctx, refs),
    dismissInboxPeople: async (refs) => (await inbox()).dismissCorrespondents(ctx, refs),
    async duplicates(options) {
      const { DUPLICATES_LIMIT, DUPLICATES_MAX_LIMIT, duplicatePairs } = await duplicates();
      return duplicatePairs(ctx, readLimit(options?.limit, DUPLICATES_LIMIT, DUPLICATES_MAX_LIMIT));
    },
  };
}

/** A page size from a caller: absent is the usual one; else a whole number from 1 to `most`. */
function readLimit(limit: number | undefined, usual: number, most: number, of?: string): number {
  if (limit === undefined) return usual;
  if (!Number.isInteger(limit) || limit < 1 || limit > most)
    throw new GoodwillError(
      "invalid",
      `limit: ${limit} is not a number ${of ? `of ${of} ` : ""}from 1 to ${most}.`,
      {
        field: "limit",
      },
    );
  return limit;
}
