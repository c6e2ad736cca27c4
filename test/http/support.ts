/** An API in-process (Hono's app.request, no socket) over a fresh store, with helpers to call it. */
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { freshStore, NOW, openStoreAgain, type TestDialect } from "../support/stores.js";

export const HOST = "127.0.0.1:4321";

/**
 * `host`: the host:port the server is bound to, and the Host its requests carry unless told.
 * `storeUrl`: serve a store another server serves already (as a second process would), not a new one.
 */
export async function api(
  dialect: TestDialect,
  { host = HOST, storeUrl, ...options }: { localLoginToken?: string; host?: string; storeUrl?: string } = {},
) {
  const { store, url } = storeUrl
    ? { store: await openStoreAgain(storeUrl), url: storeUrl }
    : await freshStore(dialect);
  let clock = NOW;
  const app = createApp({ store, boundHosts: [host], clock: () => clock, ...options });
  const call = async (
    method: string,
    path: string,
    init: {
      body?: unknown;
      token?: string;
      cookie?: string;
      origin?: string;
      host?: string;
      raw?: string | Uint8Array;
    } = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON documents of many shapes
  ): Promise<{ status: number; body: any; headers: Headers }> => {
    const headers: Record<string, string> = { host: init.host ?? host };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.cookie = init.cookie;
    if (init.origin) headers.origin = init.origin;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await app.request(`http://${init.host ?? host}${path}`, {
      method,
      headers,
      ...(init.raw !== undefined
        ? { body: init.raw }
        : init.body !== undefined
          ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }
          : {}),
    });
    const type = response.headers.get("content-type") ?? "";
    const body = type.includes("json") ? await response.json() : await response.text();
    return { status: response.status, body, headers: response.headers };
  };
  /** A team-mode account with an API token. */
  const account = async (email: string) => {
    const user = await addUser(
      store.db,
      { email, name: email.split("@")[0] ?? null, password: "correct horse battery" },
      new Date(clock).toISOString(),
    );
    const { token } = await createApiToken(store.db, user.ownerId, "test", new Date(clock).toISOString());
    return { ...user, token };
  };
  return { app, store, url, call, account, setClock: (t: number) => (clock = t) };
}

/**
 * Calls an app made by the test itself (its own store, logger or clock) with a bearer token: the
 * status, the JSON body, the Retry-After header and how long the answer took.
 */
export function tokenCaller(
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  token: string,
) {
  return async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const response = await app.request(`http://${HOST}${path}`, {
      method,
      headers: {
        host: HOST,
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON documents of several shapes
    const json: any = await response.json();
    return {
      status: response.status,
      body: json,
      retryAfter: response.headers.get("retry-after"),
      ms: performance.now() - started,
    };
  };
}
