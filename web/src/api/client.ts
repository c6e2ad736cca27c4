/**
 * The typed client of /api/v1. Which request carries each service method is the table the CLI's
 * remote service uses too (src/service/http-routes.ts), typed by the server's own service interface
 * (the HTTP routes answer exactly what the service returns), so a renamed field fails the typecheck
 * here rather than in a user's browser. Only the public API is used: the session cookie rides along.
 *
 * Every answer (or its absence) tells web/src/offline/connection.ts whether the server is there.
 * The writes a user makes in a hallway (a moment, I gave, They gave, Thank, a note) carry an
 * Idempotency-Key made here, and when the server cannot be reached they are kept on the device with
 * that key and sent later (web/src/offline/outbox.ts): the answer is then `keptOnDevice` instead of
 * the server's.
 */

import type { BodyPolicy, CaptureResult } from "../../../src/contract/capture.js";
import type { ImportResult } from "../../../src/contract/import-result.js";
import type { ReminderNote, ReminderSettingsInput, RemindersJson } from "../../../src/contract/reminders.js";
import type { ExportFormat, GoodwillService, ImportFormat } from "../../../src/service/goodwill-service.js";
import { type HttpCall, type ServiceOverHttp, serviceOverHttp } from "../../../src/service/http-routes.js";
import { markReachable, markUnreachable, serverGone, serverReachable } from "../offline/connection";
import { describeKept, keepWrite, newKey } from "../offline/outbox";

/** A failed request: the server's error document (code, message, details) and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Query = Record<string, unknown>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ""}`;
}

async function failure(response: Response): Promise<ApiError> {
  let document: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
  try {
    document = await response.json();
  } catch {
    // not JSON: a proxy's page, a dropped connection
  }
  const error = document.error;
  return new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    error?.details,
  );
}

/**
 * The id that undoes a write (the server's `Goodwill-Undo` header), kept beside the answer it came
 * with, so every method of the typed table can be undone without changing its type.
 */
const undoIds = new WeakMap<object, string>();

/** The journal id that undoes the write which answered `result`, or null (nothing was written). */
export function undoIdOf(result: unknown): string | null {
  return typeof result === "object" && result !== null ? (undoIds.get(result) ?? null) : null;
}

/** The message of a request that reached no server. */
const UNREACHABLE = "Goodwill's server cannot be reached. Is `goodwill serve` running?";

/** Whether a request failed because the server did not answer (rather than refused it). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 0 && error.code === "offline") || serverGone(error.status))
  );
}

export async function call<T>(
  method: string,
  path: string,
  init: {
    query?: Query;
    body?: unknown;
    signal?: AbortSignal;
    /** sent as the Idempotency-Key header: the same key again gets the first answer, and writes nothing */
    idempotencyKey?: string;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url(path, init.query), {
      method,
      credentials: "same-origin",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    // refused, reset, or no answer in time (a TimeoutError): the server is not there
    markUnreachable();
    throw new ApiError(0, "offline", UNREACHABLE);
  }
  if (serverGone(response.status)) markUnreachable();
  else markReachable();
  if (!response.ok) throw await failure(response);
  const data = (await response.json()) as T;
  const undoId = response.headers.get("Goodwill-Undo");
  if (undoId && typeof data === "object" && data !== null) undoIds.set(data, undoId);
  return data;
}

/** Uploads a file with XMLHttpRequest, the one browser API that reports upload progress. */
export function uploadImport(
  file: File,
  format: ImportFormat,
  onProgress: (fraction: number) => void,
  /** for mail and calendars: the user's own addresses (comma-separated) and how much of a body to keep */
  history: { me?: string; bodies?: BodyPolicy } = {},
): { result: Promise<ImportResult | CaptureResult>; abort: () => void } {
  const request = new XMLHttpRequest();
  const result = new Promise<ImportResult | CaptureResult>((resolve, reject) => {
    request.open(
      "POST",
      url("/import", { format, filename: file.name, me: history.me, bodies: history.bodies }),
    );
    request.setRequestHeader("content-type", "application/octet-stream");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(request.response as ImportResult | CaptureResult);
        return;
      }
      const error = (request.response as { error?: { code?: string; message?: string } } | null)?.error;
      reject(
        new ApiError(
          request.status,
          error?.code ?? "http_error",
          error?.message ?? `The server answered ${request.status}.`,
        ),
      );
    };
    request.onerror = () =>
      reject(new ApiError(0, "offline", "The upload failed: the server cannot be reached."));
    request.onabort = () => reject(new ApiError(0, "aborted", "The upload was cancelled."));
    request.send(file);
  });
  return { result, abort: () => request.abort() };
}

/** The address of an export download (the browser saves it; the cookie authenticates it). */
export function exportUrl(format: ExportFormat, vcardVersion: "3.0" | "4.0" = "3.0"): string {
  return url("/export", { format, vcardVersion: format === "vcard" ? vcardVersion : undefined });
}

export type Api = Omit<ServiceOverHttp, "today" | "listPeople" | "search" | "timeline"> & {
  today(options?: { all?: boolean }): ReturnType<GoodwillService["today"]>;
  listPeople(
    filter: Parameters<GoodwillService["listPeople"]>[0],
    signal?: AbortSignal,
  ): ReturnType<GoodwillService["listPeople"]>;
  search(query: string, limit: number, signal?: AbortSignal): ReturnType<GoodwillService["search"]>;
  timeline(
    personId: string,
    options: Parameters<GoodwillService["timeline"]>[1],
    signal?: AbortSignal,
  ): ReturnType<GoodwillService["timeline"]>;
};

export type Result<K extends keyof Api> = Awaited<ReturnType<Api[K]>>;

/** The answer of a write kept on the device to send later: what the screens get instead of the server's. */
export interface KeptOnDevice {
  keptOnDevice: true;
  /** its line in the "Waiting to send" panel */
  id: string;
  label: string;
}

const kept = new WeakSet<object>();

/** Whether a write's answer is that it was kept on this device (not yet sent: no undo, no result). */
export function isKeptOnDevice(result: unknown): result is KeptOnDevice {
  return typeof result === "object" && result !== null && kept.has(result);
}

/** How long a hallway write waits for an answer before it is kept to send later (the same key is kept). */
const SEND_TIMEOUT_MS = 10_000;

/**
 * A write that can wait: sent at once with a key made here, or, when the server cannot be reached
 * (before or during this try), kept on the device with that key. A refusal (4xx) is thrown as
 * always: the form that made it shows why.
 */
const sendOrKeep: HttpCall = async <T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Record<string, unknown> } = {},
): Promise<T> => {
  const key = newKey();
  if (serverReachable()) {
    try {
      return await call<T>(method, path, {
        ...options,
        idempotencyKey: key,
        // (a browser without AbortSignal.timeout waits as long as it waits)
        ...(typeof AbortSignal.timeout === "function"
          ? { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) }
          : {}),
      });
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
  }
  let item: Awaited<ReturnType<typeof keepWrite>>;
  try {
    item = await keepWrite({
      method,
      path,
      body: options.body,
      key,
      label: describeKept(path, options.body),
    });
  } catch {
    // nothing can be kept here (no IndexedDB): say what happened, as before
    throw new ApiError(0, "offline", UNREACHABLE);
  }
  const answer: KeptOnDevice = { keptOnDevice: true, id: item.id, label: item.label };
  kept.add(answer);
  // The caller expects the server's answer; it gets this instead, and checks with isKeptOnDevice.
  return answer as T;
};

const enc = encodeURIComponent;
const overHttp = serviceOverHttp(call);
/** The same table, for the writes that wait on the device when the server cannot be reached. */
const orKept = serviceOverHttp(sendOrKeep);

/** The service over /api/v1 (the same table as the CLI's remote service), plus what a browser needs. */
export const api: Api = {
  ...overHttp,
  logInteraction: orKept.logInteraction,
  recordExchange: orKept.recordExchange,
  addNote: orKept.addNote,
  today: (options) => overHttp.today(options ?? {}),
  // a search that has moved on aborts its request
  listPeople: (filter, signal) => call("GET", "/people", { query: filter, ...(signal ? { signal } : {}) }),
  search: (q, limit, signal) =>
    call("GET", "/search", { query: { q, limit }, ...(signal ? { signal } : {}) }),
  timeline: (personId, options, signal) =>
    call("GET", `/people/${enc(personId)}/timeline`, { query: options, ...(signal ? { signal } : {}) }),
};

/** Signing in and the account: these routes are the server's, not the service's. */
export interface Me {
  mode: "local" | "team";
  account: { email: string; name: string | null } | null;
  via: "cookie" | "token";
}
/** Whether this browser is signed in; answered without a 401, so the sign-in page loads cleanly. */
export interface Session {
  mode: "local" | "team";
  signedIn: boolean;
  account: { email: string; name: string | null } | null;
}
export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const auth = {
  mode: () => call<{ mode: "local" | "team" }>("GET", "/mode"),
  me: () => call<Me>("GET", "/auth/me"),
  session: () => call<Session>("GET", "/auth/session"),
  login: (email: string, password: string) =>
    call<{ account: { email: string; name: string | null } }>("POST", "/auth/login", {
      body: { email, password },
    }),
  logout: () => call<{ signedOut: boolean }>("POST", "/auth/logout"),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<{ changed: true; otherSessionsEnded: number }>("POST", "/auth/password", {
      body: { currentPassword, newPassword },
    }),
  tokens: () => call<{ tokens: ApiToken[] }>("GET", "/tokens"),
  createToken: (name: string) =>
    call<{ id: string; name: string; token: string }>("POST", "/tokens", { body: { name } }),
  revokeToken: (id: string) => call<{ revoked: string }>("DELETE", `/tokens/${enc(id)}`),
  calendarKey: () => call<{ url: string; path: string }>("POST", "/calendar-key"),
};

/** GET and PATCH /reminders: the service's answer, and what the server itself offers. */
export interface RemindersDocument {
  reminders: RemindersJson;
  server: {
    /** the server has a mail server of its own (GOODWILL_SMTP_URL) */
    smtp: boolean;
    /** where links point when the account gives no address */
    publicUrl: string;
  };
}

/** What a one-tap link from a note would do (GET changes nothing). */
export interface ReminderAction {
  action: "thanked" | "touched" | "kept";
  question: string;
  target: { kind: string; id: string; name: string };
  summary: string | null;
  expiresAt: string;
  usedAt: string | null;
  expired: boolean;
}

export interface TestResult {
  channel: string;
  sent: boolean;
  error: string | null;
}

/**
 * Reminders as Settings uses them (the document carries the server's part too), and the two kinds of
 * signed link in a note, which work without a session: the token in the address is the permission.
 */
export const reminders = {
  get: () => call<RemindersDocument>("GET", "/reminders"),
  save: (input: ReminderSettingsInput) =>
    call<RemindersDocument & { webhookSecret: string | null }>("PATCH", "/reminders", { body: input }),
  test: (channel?: "email" | "push" | "webhook") =>
    call<{ results: TestResult[] }>("POST", "/reminders/test", { body: channel ? { channel } : {} }),
  preview: (kind: "daily" | "weekly") =>
    call<{ note: ReminderNote | null; text: string }>("GET", "/reminders/preview", { query: { kind } }),
  action: (token: string) => call<ReminderAction>("GET", `/reminders/actions/${enc(token)}`),
  act: (token: string) =>
    call<{ done: true; message: string; undo: string | null }>("POST", `/reminders/actions/${enc(token)}`),
  unsubscription: (token: string) =>
    call<{ address: string; unsubscribed: boolean }>("GET", `/reminders/unsubscribe/${enc(token)}`),
  unsubscribe: (token: string) =>
    call<{ address: string; unsubscribed: true }>("POST", `/reminders/unsubscribe/${enc(token)}`),
};
