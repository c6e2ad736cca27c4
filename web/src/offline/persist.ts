/**
 * The device's copy of what the screens read (issue 14): Today, the week's gives, the People lists
 * and the people opened most recently are kept in IndexedDB (an async storage persister over
 * idb-keyval). While the server answers, the screens read the server as always and the copy is only
 * written; when it cannot be reached, the copy fills in what the screens lack, and the queries wait
 * (paused, not failed) until the server is back, then read it again.
 *
 * The copy keeps what earlier visits saw too (a person opened yesterday), so each save is the cache
 * of this visit merged over the copy; it is deleted when nobody is signed in.
 */
import { createAsyncStoragePersister } from "@tanstack/query-async-storage-persister";
import {
  type DehydratedState,
  dehydrate,
  hydrate,
  onlineManager,
  type Query,
  type QueryClient,
} from "@tanstack/react-query";
import { createStore, del, get, set } from "idb-keyval";
import { onConnectionChange, serverReachable } from "./connection";
import { chooseKept, keptKey } from "./kept-queries";

type DehydratedQuery = DehydratedState["queries"][number];

/** Bumped when what is kept changes shape: a copy of another shape is dropped. */
const FORMAT = "goodwill-1";
const MAX_AGE_MS = 30 * 24 * 60 * 60_000;

const idb = typeof indexedDB === "undefined" ? null : createStore("goodwill-cache", "queries");
const persister = createAsyncStoragePersister({
  storage: idb
    ? {
        getItem: (key) => get<string>(key, idb).then((value) => value ?? null),
        setItem: (key, value) => set(key, value, idb),
        removeItem: (key) => del(key, idb),
      }
    : null,
  key: "goodwill.queries",
  // saves are gathered here (SAVE_AFTER_MS), and written at once when the page is hidden or left
  throttleTime: 0,
});
/** Changes within this time are saved together. */
const SAVE_AFTER_MS = 300;

/** The copy as last read or written: this visit's cache is merged over it. */
let copy: DehydratedQuery[] = [];
let copyRead: Promise<void> | null = null;

/** The copy, read once: when the server is first missed, when a save is due, or once the page is idle. */
function theCopy(): Promise<void> {
  copyRead ??= idb ? readCopy() : Promise.resolve();
  return copyRead;
}

/** Runs `work` when the page has nothing else to do (soon, at the latest): the first screen comes first. */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(work, { timeout: 2_000 });
  else setTimeout(work, 200);
}

async function readCopy(): Promise<void> {
  try {
    const stored = await persister.restoreClient();
    if (stored && stored.buster === FORMAT && Date.now() - stored.timestamp <= MAX_AGE_MS)
      copy = stored.clientState.queries;
  } catch {
    copy = [];
  }
}

/** Whether the server said nobody is signed in here (not merely: it has not said yet). */
function signedOut(client: QueryClient): boolean {
  const me = client.getQueryData<{ signedIn?: unknown }>(["me"]);
  return me !== undefined && me.signedIn !== true;
}

function save(client: QueryClient): void {
  if (signedOut(client)) {
    void forgetCopy();
    return;
  }
  const live = dehydrate(client, {
    shouldDehydrateQuery: (query: Query) =>
      query.state.status === "success" && keptKey(query.queryKey, query.state.data),
    shouldDehydrateMutation: () => false,
  }).queries;
  const here = new Set(live.map((q) => q.queryHash));
  copy = chooseKept([...live, ...copy.filter((q) => !here.has(q.queryHash))]);
  void persister.persistClient({
    timestamp: Date.now(),
    buster: FORMAT,
    clientState: { queries: copy, mutations: [] },
  });
}

/** Puts the copy's answers where the cache has none, or older ones (hydrate keeps the newer). */
function fillFromCopy(client: QueryClient, only?: string): void {
  const queries = only === undefined ? copy : copy.filter((q) => q.queryHash === only);
  if (queries.length > 0) hydrate(client, { queries, mutations: [] });
}

/** The time of the data a screen shows, for "Offline — as of 10:42": the oldest of its queries'. */
export function shownDataTime(client: QueryClient): number | null {
  let oldest: number | null = null;
  for (const query of client.getQueryCache().getAll()) {
    if (query.getObserversCount() === 0 || query.state.data === undefined) continue;
    const at = query.state.dataUpdatedAt;
    if (at > 0 && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest;
}

/**
 * Binds the queries to the server's reachability and keeps the copy: read once (after the first
 * screen, or as soon as the server is missed), written as the cache changes (a few changes
 * together, when the page is idle, and at once when it is hidden or left), used while the server
 * cannot be reached.
 */
export function keepOnDevice(client: QueryClient): void {
  // Paused, not failed, while the server is away: a screen keeps what it shows, and reads again after.
  onlineManager.setEventListener((setOnline) => {
    setOnline(serverReachable());
    return onConnectionChange(() => setOnline(serverReachable()));
  });
  if (!idb) return;
  // read once the first screen is up (or at once, below, when the server is missed)
  window.addEventListener("load", () => whenIdle(() => void theCopy()), { once: true });
  onConnectionChange(() => {
    if (!serverReachable()) void theCopy().then(() => fillFromCopy(client));
  });
  client.getQueryCache().subscribe((event) => {
    // a screen opened while the server is away: its query starts from the copy
    if (event.type === "added" && !serverReachable()) {
      const hash = event.query.queryHash;
      void theCopy().then(() => {
        if (event.query.state.data === undefined) fillFromCopy(client, hash);
      });
      return;
    }
    if (event.type === "updated" && event.action.type === "success") saveSoon(client);
  });
  // closing the app, or leaving for another: what waits is written now
  const saveNow = () => {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = null;
    saveIfDue(client);
  };
  window.addEventListener("pagehide", saveNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveNow();
  });
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** the cache changed since the copy was last written */
let saveDue = false;

function saveSoon(client: QueryClient): void {
  saveDue = true;
  if (saveTimer !== null) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    whenIdle(() => saveIfDue(client));
  }, SAVE_AFTER_MS);
}

function saveIfDue(client: QueryClient): void {
  if (!saveDue) return;
  saveDue = false;
  void theCopy().then(() => save(client));
}

/** Deletes the copy (nobody is signed in: nothing of the account may stay on the device). */
async function forgetCopy(): Promise<void> {
  await theCopy();
  copy = [];
  // the last write waiting in the throttle becomes an empty one, then the key goes
  void persister.persistClient({
    timestamp: Date.now(),
    buster: FORMAT,
    clientState: { queries: [], mutations: [] },
  });
  await persister.removeClient();
}
