/**
 * Which `/api/v1` request carries each service method: one table for the two clients of the API,
 * the CLI's remote service (Node) and the web app (browser). Each brings its own `call` (how to send
 * a request and read the answer); file transfer differs between them and stays with each.
 */
import type { RecordKind } from "../contract/record-kind.js";
import type { GoodwillService } from "./goodwill-service.js";

export type HttpCall = <T>(
  method: string,
  path: string,
  options?: { body?: unknown; query?: Record<string, unknown> },
) => Promise<T>;

export type ServiceOverHttp = Omit<GoodwillService, "importContacts" | "importHistory" | "exportData">;

export function serviceOverHttp(call: HttpCall): ServiceOverHttp {
  const enc = encodeURIComponent;
  return {
    profile: () => call("GET", "/profile"),
    init: (input) => call("PUT", "/profile", { body: input }),
    resolve: (who) => call("GET", "/resolve", { query: { who } }),
    addPerson: (input) => call("POST", "/people", { body: input }),
    listPeople: (filter) => call("GET", "/people", { query: { ...filter, limit: filter.limit ?? 1000 } }),
    getPerson: (id) => call("GET", `/people/${enc(id)}`),
    editPerson: (id, input) => call("PATCH", `/people/${enc(id)}`, { body: input }),
    removePerson: (id) => call("DELETE", `/people/${enc(id)}`),
    bulkPeople: (input) => call("POST", "/people/bulk", { body: input }),
    mergePeople: (from, into) => call("POST", `/people/${enc(from)}/merge`, { body: { into } }),
    addDepartment: (name, organization) =>
      call("POST", "/departments", { body: { name, ...(organization ? { organization } : {}) } }),
    listDepartments: () => call("GET", "/departments"),
    listOrganizations: () => call("GET", "/organizations"),
    listTags: () => call("GET", "/tags"),
    show: (id) => call("GET", `/people/${enc(id)}/overview`),
    timeline: (id, options) => call("GET", `/people/${enc(id)}/timeline`, { query: options }),
    balanceHistory: (id) => call("GET", `/people/${enc(id)}/balance-history`),
    personHistory: (id) => call("GET", `/people/${enc(id)}/history`),
    score: (id) => call("GET", `/people/${enc(id)}/score`),
    addNote: (id, body) => call("POST", `/people/${enc(id)}/notes`, { body: { body } }),
    logInteraction: (input) => call("POST", "/interactions", { body: input }),
    recordExchange: (ref, input) => call("POST", "/exchanges", { body: { ...ref, ...input } }),
    ask: (ref, input) => call("POST", "/asks", { body: { ...ref, ...input } }),
    checkAsk: (ref) => call("GET", "/asks/check", { query: ref }),
    listAsks: (filter) => call("GET", "/asks", { query: filter }),
    fulfillAsk: (ref, weight) =>
      call("POST", `/asks/${enc(ref)}/fulfill`, { body: weight === undefined ? {} : { weight } }),
    closeAsk: (ref, status) =>
      call("POST", `/asks/${enc(ref)}/${status === "declined" ? "decline" : "withdraw"}`),
    promise: (ref, input) => call("POST", "/commitments", { body: { ...ref, ...input } }),
    listPromises: (filter) => call("GET", "/commitments", { query: filter }),
    completePromise: (ref) => call("POST", `/commitments/${enc(ref)}/done`),
    addNeed: (personId, text) => call("POST", "/needs", { body: { personId, text } }),
    listNeeds: (filter) => call("GET", "/needs", { query: filter }),
    editNeed: (ref, text) => call("PATCH", `/needs/${enc(ref)}`, { body: { text } }),
    closeNeed: (ref, input) =>
      input.status === "met"
        ? call("POST", `/needs/${enc(ref)}/met`, { body: input.by === undefined ? {} : { by: input.by } })
        : call("POST", `/needs/${enc(ref)}/drop`),
    addOffer: (personId, text) => call("POST", "/offers", { body: { personId, text } }),
    listOffers: (filter) => call("GET", "/offers", { query: filter }),
    editOffer: (ref, text) => call("PATCH", `/offers/${enc(ref)}`, { body: { text } }),
    withdrawOffer: (ref) => call("POST", `/offers/${enc(ref)}/withdraw`),
    addOwnOffer: (text) => call("POST", "/own-offers", { body: { text } }),
    listOwnOffers: (filter) => call("GET", "/own-offers", { query: filter }),
    withdrawOwnOffer: (ref) => call("POST", `/own-offers/${enc(ref)}/withdraw`),
    introduce: (input) => call("POST", "/introductions", { body: input }),
    listIntroductions: (filter) => call("GET", "/introductions", { query: filter }),
    moveIntroduction: (ref, input) => call("POST", `/introductions/${enc(ref)}/status`, { body: input }),
    map: (organization) => call("GET", "/map", { query: { org: organization } }),
    week: () => call("GET", "/week"),
    events: () => call("GET", "/events"),
    eventRhythm: (ref, everyDays) =>
      call("POST", `/events/${enc(ref)}/rhythm`, { body: everyDays === undefined ? {} : { everyDays } }),
    today: (options) => call("GET", "/today", { query: options }),
    ledger: (subject) => call("GET", "/ledger", { query: { subject } }),
    ledgerGroups: (by) => call("GET", "/ledger", { query: { by } }),
    suggest: (personId) =>
      personId ? call("GET", `/people/${enc(personId)}/suggestions`) : call("GET", "/suggestions"),
    suggestForDepartment: (departmentId) => call("GET", `/departments/${enc(departmentId)}/suggestions`),
    search: (q, limit) => call("GET", "/search", { query: { q, limit } }),
    loadDemo: () => call("POST", "/demo"),
    editRecord: (kind, ref, edit) => {
      const { counterpart, ...fields } = edit;
      return call("PATCH", `${RECORD_PATHS[kind]}/${enc(ref)}`, { body: { ...fields, ...counterpart } });
    },
    deleteRecord: (kind, ref) => call("DELETE", `${RECORD_PATHS[kind]}/${enc(ref)}`),
    undo: (id) => call("POST", id ? `/undo/${enc(id)}` : "/undo"),
    listUndo: (options) => call("GET", "/undo", { query: options }),
    duplicates: (options) => call("GET", "/people/duplicates", { query: options ?? {} }),
    markDistinct: (a, b) => call("POST", "/people/distinct", { body: { a, b } }),
    reminders: () => call("GET", "/reminders"),
    setReminders: (input) => call("PATCH", "/reminders", { body: input }),
    addPushSubscription: (input) => call("POST", "/reminders/push-subscriptions", { body: input }),
    removePushSubscription: (id) => call("DELETE", `/reminders/push-subscriptions/${enc(id)}`),
    inbox: () => call("GET", "/inbox"),
    editInboxItem: (ref, edit) => call("PATCH", `/inbox/${enc(ref)}`, { body: edit }),
    acceptInboxItem: (ref, options) => call("POST", `/inbox/${enc(ref)}/accept`, { body: options }),
    dismissInboxItems: (refs) => call("POST", "/inbox/dismiss", { body: { ids: refs } }),
    inboxPeople: () => call("GET", "/inbox/people"),
    addInboxPeople: (refs) => call("POST", "/inbox/people/add", { body: { people: refs } }),
    dismissInboxPeople: (refs) => call("POST", "/inbox/people/dismiss", { body: { people: refs } }),
  };
}

/** Where each kind of record lives in the API. */
export const RECORD_PATHS: Record<RecordKind, string> = {
  ledger: "/exchanges",
  moment: "/interactions",
  note: "/notes",
  promise: "/commitments",
  ask: "/asks",
  need: "/needs",
  offer: "/offers",
  "own-offer": "/own-offers",
  intro: "/introductions",
};
