/**
 * The typed client of /api/v1. Its endpoints are checked against the server's own service interface
 * (the HTTP routes answer exactly what the service returns), so a renamed field fails the typecheck
 * here rather than in a user's browser. Only the public API is used: the session cookie rides along.
 */
import type { ImportResult } from "../../../src/app/import-contacts.js";
import type { ExportFormat, GoodwillService, ImportFormat } from "../../../src/service/goodwill-service.js";

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

type Query = Record<string, string | number | boolean | undefined | null>;

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

export async function call<T>(
  method: string,
  path: string,
  init: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url(path, init.query), {
      method,
      credentials: "same-origin",
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "offline", "Goodwill's server cannot be reached. Is `goodwill serve` running?");
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Uploads a file with XMLHttpRequest, the one browser API that reports upload progress. */
export function uploadImport(
  file: File,
  format: ImportFormat,
  onProgress: (fraction: number) => void,
): { result: Promise<ImportResult>; abort: () => void } {
  const request = new XMLHttpRequest();
  const result = new Promise<ImportResult>((resolve, reject) => {
    request.open("POST", url("/import", { format, filename: file.name }));
    request.setRequestHeader("content-type", "application/octet-stream");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(request.response as ImportResult);
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

export type Api = Omit<GoodwillService, "importContacts" | "exportData" | "init" | "today" | "listPeople"> & {
  init: GoodwillService["init"];
  today(options?: { all?: boolean }): ReturnType<GoodwillService["today"]>;
  listPeople(
    filter: Parameters<GoodwillService["listPeople"]>[0],
    signal?: AbortSignal,
  ): ReturnType<GoodwillService["listPeople"]>;
};

export type Result<K extends keyof Api> = Awaited<ReturnType<Api[K]>>;

const enc = encodeURIComponent;

export const api: Api = {
  profile: () => call("GET", "/profile"),
  init: (input) => call("PUT", "/profile", { body: input }),
  resolve: (who) => call("GET", "/resolve", { query: { who } }),
  addPerson: (input) => call("POST", "/people", { body: input }),
  listPeople: (filter, signal) => call("GET", "/people", { query: filter, ...(signal ? { signal } : {}) }),
  getPerson: (id) => call("GET", `/people/${enc(id)}`),
  editPerson: (id, input) => call("PATCH", `/people/${enc(id)}`, { body: input }),
  removePerson: (id) => call("DELETE", `/people/${enc(id)}`),
  mergePeople: (from, into) => call("POST", `/people/${enc(from)}/merge`, { body: { into } }),
  addDepartment: (name, organization) =>
    call("POST", "/departments", { body: { name, ...(organization ? { organization } : {}) } }),
  listDepartments: () => call("GET", "/departments"),
  show: (id) => call("GET", `/people/${enc(id)}/overview`),
  balanceHistory: (id) => call("GET", `/people/${enc(id)}/balance-history`),
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
  introduce: (input) => call("POST", "/introductions", { body: input }),
  listIntroductions: (filter) => call("GET", "/introductions", { query: filter }),
  moveIntroduction: (ref, input) => call("POST", `/introductions/${enc(ref)}/status`, { body: input }),
  map: (organization) => call("GET", "/map", { query: { org: organization } }),
  week: () => call("GET", "/week"),
  today: (options) => call("GET", "/today", { query: options ?? {} }),
  ledger: (subject) => call("GET", "/ledger", { query: { subject } }),
  ledgerGroups: (by) => call("GET", "/ledger", { query: { by } }),
  suggest: (personId) =>
    personId ? call("GET", `/people/${enc(personId)}/suggestions`) : call("GET", "/suggestions"),
  search: (q) => call("GET", "/search", { query: { q } }),
  loadDemo: () => call("POST", "/demo"),
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
  tokens: () => call<{ tokens: ApiToken[] }>("GET", "/tokens"),
  createToken: (name: string) =>
    call<{ id: string; name: string; token: string }>("POST", "/tokens", { body: { name } }),
  revokeToken: (id: string) => call<{ revoked: string }>("DELETE", `/tokens/${enc(id)}`),
  calendarKey: () => call<{ url: string; path: string }>("POST", "/calendar-key"),
};
