/**
 * The writes kept on this device while the server cannot be reached (issue 14): a quick log, I gave,
 * They gave, Thank, a note, Got in touch. Each is kept in IndexedDB with the Idempotency-Key made
 * for it here, before its first try, and is sent with that same key until the server has answered
 * (web/src/offline/sender.ts): a write whose first answer was lost is recorded once all the same.
 * One the server refuses (the person was deleted meanwhile) stays, with the server's reason, until
 * the user retries it (with a new key: the refusal wrote nothing) or discards it.
 *
 * Each kept write belongs to the account that made it, and is sent only while that account is
 * signed in here. Other tabs of the app are told of every change.
 */
import { createStore, del, entries, set } from "idb-keyval";
import { describeWrite } from "./describe-write";

export interface KeptWrite {
  /** this kept write, for the list (it stays when the user retries) */
  id: string;
  /** the Idempotency-Key it is sent with: made on this device */
  key: string;
  /** whose write it is: "local", or a team account's email */
  account: string;
  method: string;
  /** the path under /api/v1 */
  path: string;
  body: unknown;
  /** what it is, in words: "Thank-you to Kevin O'Brien: “Said thank you”" */
  label: string;
  keptAt: number;
  attempts: number;
  /** waiting: to be sent when the server answers; refused: the server said no, the user decides */
  state: "waiting" | "refused";
  /** the last answer that was not a success: why it is refused, or why it is still waiting */
  problem: { status: number; code: string; message: string } | null;
}

export interface OutboxView {
  /** the signed-in account's kept writes, oldest first */
  items: readonly KeptWrite[];
  /** the one being sent right now */
  sending: string | null;
}

const store = typeof indexedDB === "undefined" ? null : createStore("goodwill-outbox", "writes");
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("goodwill-outbox");

let all: KeptWrite[] = [];
let account: string | null = null;
let sending: string | null = null;
let view: OutboxView = { items: [], sending: null };
const listeners = new Set<() => void>();
const keptListeners = new Set<() => void>();
let loaded: Promise<void> | null = null;

function changed(): void {
  view = {
    items: all.filter((item) => item.account === account).sort((a, b) => a.keptAt - b.keptAt),
    sending,
  };
  for (const listener of [...listeners]) listener();
}

/** What the "Waiting to send" panel shows. */
export function outboxView(): OutboxView {
  return view;
}

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` when a write is kept or handed back for another try (the sender sends it). */
export function onKept(listener: () => void): () => void {
  keptListeners.add(listener);
  return () => keptListeners.delete(listener);
}

/** Whose writes are shown and sent: the signed-in account ("local" in local mode), or null. */
export function setOutboxAccount(next: string | null): void {
  if (next === account) return;
  account = next;
  changed();
  if (next !== null) for (const listener of [...keptListeners]) listener();
}

export function outboxAccount(): string | null {
  return account;
}

/** Reads the kept writes from IndexedDB (at start, and when another tab changed them). */
export function loadKept(): Promise<void> {
  const reading = (async () => {
    if (!store) return;
    try {
      all = (await entries<string, KeptWrite>(store)).map(([, item]) => item);
    } catch {
      // IndexedDB refused (a private window of some browsers): nothing was kept, nothing can be
      all = [];
    }
    changed();
  })();
  loaded = reading;
  return reading;
}

/** The kept writes of the signed-in account, as IndexedDB has them now. */
export async function keptNow(): Promise<KeptWrite[]> {
  await loadKept();
  return [...view.items];
}

function told(): void {
  channel?.postMessage("changed");
}

channel?.addEventListener("message", () => {
  void loadKept();
});

/** A new Idempotency-Key: a random UUID (made without crypto.randomUUID where the page is not https). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function save(item: KeptWrite): Promise<void> {
  if (!store) throw new Error("This browser keeps nothing on the device (no IndexedDB).");
  await set(item.id, item, store);
}

/**
 * Keeps a write to send later, with the key it was (or would have been) sent with. Rejects when
 * nothing can be kept here (no IndexedDB, or no account signed in).
 */
export async function keepWrite(write: {
  method: string;
  path: string;
  body: unknown;
  key: string;
  label: string;
}): Promise<KeptWrite> {
  if (account === null) throw new Error("Nobody is signed in on this device: nothing can be kept to send.");
  await loaded;
  const item: KeptWrite = {
    id: newKey(),
    key: write.key,
    account,
    method: write.method,
    path: write.path,
    body: write.body,
    label: write.label,
    keptAt: Date.now(),
    attempts: 0,
    state: "waiting",
    problem: null,
  };
  await save(item);
  all = [...all.filter((other) => other.id !== item.id), item];
  changed();
  told();
  for (const listener of [...keptListeners]) listener();
  return item;
}

/** Records what the last try of a kept write brought (another problem, or a refusal). */
export async function updateKept(id: string, change: Partial<Omit<KeptWrite, "id">>): Promise<void> {
  const item = all.find((other) => other.id === id);
  if (!item) return;
  const next = { ...item, ...change };
  await save(next);
  all = all.map((other) => (other.id === id ? next : other));
  changed();
  told();
}

/** Forgets a kept write: it was sent, or the user discarded it. */
export async function removeKept(id: string): Promise<void> {
  if (store) await del(id, store);
  all = all.filter((other) => other.id !== id);
  changed();
  told();
}

/** The user's Retry of a refused write: a new key (the refusal is the old key's answer for good). */
export async function retryKept(id: string): Promise<void> {
  await updateKept(id, { state: "waiting", key: newKey(), problem: null });
  for (const listener of [...keptListeners]) listener();
}

/** Which kept write is being sent (the panel says "Sending…" beside it). */
export function setSending(id: string | null): void {
  if (sending === id) return;
  sending = id;
  changed();
}

let nameLookup: (id: string) => string | null = () => null;

/** Where the names of the panel's lines come from: the people the screens have shown (persist.ts). */
export function setNameLookup(lookup: (id: string) => string | null): void {
  nameLookup = lookup;
}

/** describeWrite with the names this device knows. */
export function describeKept(path: string, body: unknown): string {
  return describeWrite(path, body, nameLookup);
}

void loadKept();
