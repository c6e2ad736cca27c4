/**
 * The CardDAV server (RFC 6352, RFC 6578 sync, the RFC 4918 subset they need), mounted beside the
 * API by `goodwill serve`. One address book per owner, at the same addresses for everyone: who signs
 * in (HTTP Basic with an app password) decides whose cards answer.
 *
 *   /.well-known/carddav          → /dav/
 *   /dav/                          current-user-principal
 *   /dav/principal/                addressbook-home-set
 *   /dav/addressbooks/             the home: one address book
 *   /dav/addressbooks/goodwill/    "Goodwill", its ctag and sync token
 *   /dav/addressbooks/goodwill/N   a card
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Logger } from "pino";
import type { AppContext } from "../app/context.js";
import {
  allCards,
  cardInVersion,
  changesSince,
  type DavCard,
  deleteCard,
  getCard,
  getCards,
  listCards,
  putCard,
  syncCards,
} from "../app/dav-address-book.js";
import { davLoginOwner } from "../app/dav-passwords.js";
import { GoodwillError } from "../errors.js";
import type { VCardVersion } from "../formats/write/vcard-writer.js";
import type { Env } from "../http/env.js";
import { ERROR_STATUS } from "../http/error-status.js";
import type { LoginThrottle } from "../http/login-throttle.js";
import { getOwner } from "../storage/owner.repository.js";
import type { Store } from "../storage/store.js";
import { cardFilter } from "./card-filter.js";
import { registerDavPasswordRoutes } from "./dav-password.routes.js";
import {
  CALENDARSERVER,
  CARDDAV,
  child,
  childrenNamed,
  DAV,
  errorXml,
  escapeXml,
  multistatusXml,
  type PropStat,
  parseXml,
  propElement,
  responseXml,
  type XmlElement,
} from "./xml.js";

export const DAV_ROOT = "/dav/";
const PRINCIPAL = "/dav/principal/";
const HOME = "/dav/addressbooks/";
export const ADDRESS_BOOK = "/dav/addressbooks/goodwill/";
/** A card is at most this big (a phone's photo included). */
const MAX_CARD_BYTES = 5 * 1024 * 1024;
const SYNC_TOKEN_PREFIX = "urn:goodwill:carddav:sync:";
const ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT";

export interface DavOptions {
  store: Store;
  now: () => number;
  /** the sign-in throttle: wrong app passwords count like wrong passwords */
  throttle: LoginThrottle;
  /** where a failure of Goodwill's own is logged */
  logger?: Logger | undefined;
}

type Resource =
  | { kind: "root" | "principal" | "home" | "book" }
  | { kind: "card"; name: string }
  | { kind: "none" };

function resourceAt(path: string): Resource {
  const slash = path.endsWith("/") ? path : `${path}/`;
  if (slash === DAV_ROOT) return { kind: "root" };
  if (slash === PRINCIPAL) return { kind: "principal" };
  if (slash === HOME) return { kind: "home" };
  if (slash === ADDRESS_BOOK) return { kind: "book" };
  if (path.startsWith(ADDRESS_BOOK)) {
    const name = path.slice(ADDRESS_BOOK.length);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a name with control characters is refused
    if (name !== "" && !name.includes("/") && name.length <= 255 && !/[\u0000-\u001f]/.test(name))
      return { kind: "card", name };
  }
  return { kind: "none" };
}

const cardHref = (name: string) => `${ADDRESS_BOOK}${encodeURIComponent(name)}`;

/**
 * The DAV sub-app, and the API routes that make app passwords; mount it at the server's root, after
 * the API's sign-in middleware (which the app-password routes rely on) and before the web app.
 */
export function createDavApp(options: DavOptions): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>();
  registerDavPasswordRoutes(app, options.store, options.now);
  // Clients look here first (RFC 6764); a PROPFIND must follow the redirect too, hence every method.
  app.all("/.well-known/carddav", (c) => c.redirect(DAV_ROOT, 301));
  // Some clients ask the server's root for their principal before trying the well-known address.
  app.on("PROPFIND", "/", (c) => c.redirect(DAV_ROOT, 301));
  const handle = async (c: Context) => {
    try {
      return await serve(c, options);
    } catch (error) {
      const failure =
        error instanceof GoodwillError
          ? error
          : new GoodwillError("internal", "Something went wrong inside Goodwill's address book.");
      if (!(error instanceof GoodwillError))
        options.logger?.error({ err: error, path: c.req.path }, "DAV request failed");
      return c.text(`${failure.message}\n`, ERROR_STATUS[failure.code] as 400);
    }
  };
  app.all("/dav", handle);
  app.all("/dav/*", handle);
  return app;
}

async function serve(c: Context, options: DavOptions): Promise<Response> {
  c.header("DAV", "1, 3, addressbook");
  if (c.req.method === "OPTIONS") {
    c.header("Allow", ALLOW);
    return c.body(null, 200);
  }
  const ownerId = await signedIn(c, options);
  if (ownerId === null) {
    c.header("WWW-Authenticate", 'Basic realm="Goodwill", charset="UTF-8"');
    return c.text("Sign in with your email and an app password (Settings → Phone sync).\n", 401);
  }
  const ctx: AppContext = { store: options.store, db: options.store.db, ownerId, now: options.now() };
  let path: string;
  try {
    path = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return c.text("The address is not valid percent-encoding.\n", 400);
  }
  if (c.req.method === "MKCOL" || c.req.method === "MKCALENDAR")
    return c.text("Goodwill has one address book, made for you: it makes no other collections.\n", 403);
  const resource = resourceAt(path);
  if (resource.kind === "none") return c.text(`There is nothing at ${path}.\n`, 404);
  switch (c.req.method) {
    case "PROPFIND":
      return propfind(c, ctx, resource);
    case "REPORT":
      if (resource.kind !== "book") return c.text("Reports are answered by the address book.\n", 403);
      return report(c, ctx);
    case "GET":
    case "HEAD":
      return get(c, ctx, resource);
    case "PUT":
      if (resource.kind !== "card") return c.text("Only cards can be written.\n", 405);
      return put(c, ctx, resource.name);
    case "DELETE":
      if (resource.kind !== "card") return c.text("The address book and its home cannot be deleted.\n", 403);
      await deleteCard(ctx, resource.name, conditions(c));
      return c.body(null, 204);
    case "PROPPATCH":
      return proppatch(c, path);
    default:
      c.header("Allow", ALLOW);
      return c.text(
        `${c.req.method} is not done here: Goodwill has one address book, and it holds only cards.\n`,
        405,
      );
  }
}

/** The owner of the request's Basic credentials, throttled like sign-in; null when there are none. */
async function signedIn(c: Context, options: DavOptions): Promise<string | null> {
  const header = c.req.header("authorization") ?? "";
  if (!/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const address = peerAddress(c);
  const wait = await options.throttle.retryAfter(user, address);
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    throw new GoodwillError(
      "rate_limited",
      `Too many wrong app passwords. Try again in ${Math.ceil(wait / 60)} minutes.`,
    );
  }
  const ownerId = await davLoginOwner(options.store.db, user, password, options.now());
  if (ownerId === null) {
    await options.throttle.fail(user, address);
    return null;
  }
  await options.throttle.succeed(user);
  return ownerId;
}

/** The client's address; behind a proxy on this machine, the one it forwarded (docs/deploy.md). */
function peerAddress(c: Context): string {
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
  const viaProxy = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  return (viaProxy && c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim()) || peer || "unknown";
}

/** The owner's cards brought up to date (once per write anywhere: the read cache keeps the answer). */
function revision(ctx: AppContext): Promise<number> {
  return ctx.store.readCache.read(`dav-revision:${ctx.ownerId}`, () => syncCards(ctx));
}

function conditions(c: Context) {
  return { ifMatch: c.req.header("if-match"), ifNoneMatch: c.req.header("if-none-match") };
}

// ---------------------------------------------------------------------------------------------
// PROPFIND

type Props = Map<string, string>;
const key = (ns: string, name: string) => `${ns}\u0000${name}`;

interface PropRequest {
  mode: "allprop" | "propname" | "prop";
  wanted: { ns: string; name: string }[];
}

function propRequest(body: XmlElement | null): PropRequest {
  if (body === null) return { mode: "allprop", wanted: [] };
  if (body.ns !== DAV || body.name !== "propfind")
    throw new GoodwillError("malformed", "A PROPFIND body is a DAV:propfind element.");
  if (child(body, DAV, "propname")) return { mode: "propname", wanted: [] };
  const prop = child(body, DAV, "prop");
  if (prop) return { mode: "prop", wanted: prop.children.map((p) => ({ ns: p.ns, name: p.name })) };
  return { mode: "allprop", wanted: [] };
}

function propstats(props: Props, request: PropRequest): PropStat[] {
  if (request.mode !== "prop") {
    const names = [...props.keys()].map((k) => k.split("\u0000") as [string, string]);
    return [
      {
        status: 200,
        props: names.map(([ns, name]) =>
          propElement(ns, name, request.mode === "allprop" ? (props.get(key(ns, name)) ?? "") : ""),
        ),
      },
    ];
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const { ns, name } of request.wanted) {
    const value = props.get(key(ns, name));
    if (value === undefined) missing.push(propElement(ns, name));
    else found.push(propElement(ns, name, value));
  }
  return [
    { status: 200, props: found },
    { status: 404, props: missing },
  ];
}

const href = (path: string) => `<d:href>${escapeXml(path)}</d:href>`;

async function collectionProps(
  ctx: AppContext,
  kind: "root" | "principal" | "home" | "book",
): Promise<Props> {
  const props: Props = new Map([
    [key(DAV, "current-user-principal"), href(PRINCIPAL)],
    [
      key(DAV, "current-user-privilege-set"),
      ["read", "write", "write-content", "write-properties", "bind", "unbind"]
        .map((p) => `<d:privilege><d:${p}/></d:privilege>`)
        .join(""),
    ],
  ]);
  if (kind === "root") props.set(key(DAV, "resourcetype"), "<d:collection/>");
  if (kind === "principal") {
    const owner = await getOwner(ctx.db, ctx.ownerId);
    props.set(key(DAV, "resourcetype"), "<d:principal/>");
    props.set(key(DAV, "displayname"), escapeXml(owner?.name ?? "Goodwill"));
    props.set(key(DAV, "principal-URL"), href(PRINCIPAL));
    props.set(key(CARDDAV, "addressbook-home-set"), href(HOME));
  }
  if (kind === "home") {
    props.set(key(DAV, "resourcetype"), "<d:collection/>");
    props.set(key(DAV, "displayname"), "Goodwill");
  }
  if (kind === "book") {
    const rev = await revision(ctx);
    props.set(key(DAV, "resourcetype"), "<d:collection/><card:addressbook/>");
    props.set(key(DAV, "displayname"), "Goodwill");
    props.set(
      key(CARDDAV, "addressbook-description"),
      "Your people in Goodwill. Only their cards are here: the ledger, moments, notes and scores stay in Goodwill.",
    );
    props.set(key(CALENDARSERVER, "getctag"), String(rev));
    props.set(key(DAV, "sync-token"), escapeXml(`${SYNC_TOKEN_PREFIX}${rev}`));
    props.set(key(DAV, "getetag"), `"ctag-${rev}"`);
    props.set(
      key(CARDDAV, "supported-address-data"),
      '<card:address-data-type content-type="text/vcard" version="3.0"/><card:address-data-type content-type="text/vcard" version="4.0"/>',
    );
    props.set(
      key(DAV, "supported-report-set"),
      ["card:addressbook-multiget", "card:addressbook-query", "d:sync-collection"]
        .map((r) => `<d:supported-report><d:report><${r}/></d:report></d:supported-report>`)
        .join(""),
    );
    props.set(key(CARDDAV, "max-resource-size"), String(MAX_CARD_BYTES));
  }
  return props;
}

function cardProps(card: { etag: string; text?: string }): Props {
  const props: Props = new Map([
    [key(DAV, "getetag"), escapeXml(card.etag)],
    [key(DAV, "getcontenttype"), "text/vcard; charset=utf-8"],
    [key(DAV, "resourcetype"), ""],
    [key(DAV, "current-user-principal"), href(PRINCIPAL)],
  ]);
  if (card.text !== undefined) props.set(key(DAV, "getcontentlength"), String(Buffer.byteLength(card.text)));
  return props;
}

async function propfind(c: Context, ctx: AppContext, resource: Resource): Promise<Response> {
  const request = propRequest(parseXml(await c.req.text()));
  const depth = c.req.header("depth") ?? "infinity";
  const responses: string[] = [];
  if (resource.kind === "card") {
    await revision(ctx);
    const card = await getCard(ctx, resource.name);
    if (!card) return c.text(`There is no card ${resource.name}.\n`, 404);
    responses.push(responseXml(cardHref(card.name), propstats(cardProps(card), request)));
  } else if (resource.kind !== "none") {
    const self =
      resource.kind === "root"
        ? DAV_ROOT
        : resource.kind === "principal"
          ? PRINCIPAL
          : resource.kind === "home"
            ? HOME
            : ADDRESS_BOOK;
    responses.push(responseXml(self, propstats(await collectionProps(ctx, resource.kind), request)));
    if (depth !== "0") {
      if (resource.kind === "home")
        responses.push(responseXml(ADDRESS_BOOK, propstats(await collectionProps(ctx, "book"), request)));
      if (resource.kind === "book") {
        for (const card of await listCards(ctx))
          responses.push(responseXml(cardHref(card.name), propstats(cardProps(card), request)));
      }
    }
  }
  return multistatus(c, multistatusXml(responses));
}

function multistatus(c: Context, xml: string): Response {
  return c.body(xml, 207, { "Content-Type": "application/xml; charset=utf-8" });
}

/** Properties cannot be set here: each asked for is refused, as RFC 4918 §9.2 lets a server do. */
async function proppatch(c: Context, path: string): Promise<Response> {
  const body = parseXml(await c.req.text());
  if (!body || body.ns !== DAV || body.name !== "propertyupdate")
    throw new GoodwillError("malformed", "A PROPPATCH body is a DAV:propertyupdate element.");
  const props = body.children
    .filter((op) => op.ns === DAV && (op.name === "set" || op.name === "remove"))
    .flatMap((op) => child(op, DAV, "prop")?.children ?? [])
    .map((p) => propElement(p.ns, p.name));
  return multistatus(c, multistatusXml([responseXml(path, [{ status: 403, props }])]));
}

// ---------------------------------------------------------------------------------------------
// REPORT

/** What a REPORT asks of each card: its properties, and the card's text in which version. */
interface CardRequest {
  props: PropRequest;
  addressData: VCardVersion | null;
}

function cardRequest(report: XmlElement): CardRequest {
  const prop = child(report, DAV, "prop");
  const addressData = child(prop, CARDDAV, "address-data");
  const wanted = (prop?.children ?? [])
    .filter((p) => !(p.ns === CARDDAV && p.name === "address-data"))
    .map((p) => ({ ns: p.ns, name: p.name }));
  return {
    props: prop ? { mode: "prop", wanted } : { mode: "allprop", wanted: [] },
    addressData: addressData ? (addressData.attrs.version === "4.0" ? "4.0" : "3.0") : null,
  };
}

async function cardResponse(ctx: AppContext, card: DavCard, request: CardRequest): Promise<string> {
  const stats = propstats(cardProps(card), request.props);
  if (request.addressData) {
    const text = await cardInVersion(ctx, card, request.addressData);
    stats[0]?.props.push(propElement(CARDDAV, "address-data", escapeXml(text)));
  }
  return responseXml(cardHref(card.name), stats);
}

async function report(c: Context, ctx: AppContext): Promise<Response> {
  const body = parseXml(await c.req.text());
  if (!body) throw new GoodwillError("malformed", "A REPORT needs a body.");
  await revision(ctx);
  const request = cardRequest(body);
  if (body.ns === CARDDAV && body.name === "addressbook-multiget") {
    const names: string[] = [];
    const responses: string[] = [];
    for (const h of childrenNamed(body, DAV, "href")) {
      const resource = resourceAt(hrefPath(h.text));
      if (resource.kind === "card") names.push(resource.name);
      else responses.push(responseXml(h.text, 404));
    }
    const cards = await getCards(ctx, names);
    for (const name of names) {
      const card = cards.get(name);
      responses.push(card ? await cardResponse(ctx, card, request) : responseXml(cardHref(name), 404));
    }
    return multistatus(c, multistatusXml(responses));
  }
  if (body.ns === CARDDAV && body.name === "addressbook-query") {
    const matches = cardFilter(child(body, CARDDAV, "filter"));
    const limit = Number(child(child(body, CARDDAV, "limit"), CARDDAV, "nresults")?.text ?? Number.NaN);
    const responses: string[] = [];
    for (const card of await allCards(ctx)) {
      if (!matches(card.text)) continue;
      if (responses.length >= limit) break;
      responses.push(await cardResponse(ctx, card, request));
    }
    return multistatus(c, multistatusXml(responses));
  }
  if (body.ns === DAV && body.name === "sync-collection") return syncCollection(c, ctx, body, request);
  return c.body(errorXml(DAV, "supported-report"), 403, { "Content-Type": "application/xml; charset=utf-8" });
}

/** An href as a path: clients send paths or whole URLs, percent-encoded. */
function hrefPath(text: string): string {
  try {
    return decodeURIComponent(new URL(text.trim(), "http://goodwill.invalid").pathname);
  } catch {
    return text;
  }
}

/** RFC 6578: the cards changed since the token, the ones deleted as 404, and the new token. */
async function syncCollection(c: Context, ctx: AppContext, body: XmlElement, request: CardRequest) {
  const current = await revision(ctx);
  const token = child(body, DAV, "sync-token")?.text.trim() ?? "";
  let since = 0;
  if (token !== "") {
    const parsed = token.startsWith(SYNC_TOKEN_PREFIX)
      ? Number(token.slice(SYNC_TOKEN_PREFIX.length))
      : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > current)
      return c.body(errorXml(DAV, "valid-sync-token"), 403, {
        "Content-Type": "application/xml; charset=utf-8",
      });
    since = parsed;
  }
  const { changed, deleted } = await changesSince(ctx, since);
  const cards = await getCards(
    ctx,
    changed.map((card) => card.name),
  );
  const responses: string[] = [];
  for (const { name } of changed) {
    const card = cards.get(name);
    if (card) responses.push(await cardResponse(ctx, card, request));
  }
  // A first sync lists what is there; a deletion matters only to a client that had the card.
  if (token !== "") for (const name of deleted) responses.push(responseXml(cardHref(name), 404));
  return multistatus(
    c,
    multistatusXml(responses, `<d:sync-token>${escapeXml(`${SYNC_TOKEN_PREFIX}${current}`)}</d:sync-token>`),
  );
}

// ---------------------------------------------------------------------------------------------
// GET, PUT

/** The vCard version a GET asks for in Accept (`text/vcard; version=4.0`); 3.0 otherwise. */
function acceptedVersion(accept: string | undefined): VCardVersion {
  return /version\s*=\s*"?4\.0/i.test(accept ?? "") ? "4.0" : "3.0";
}

async function get(c: Context, ctx: AppContext, resource: Resource): Promise<Response> {
  if (resource.kind !== "card") {
    c.header("Allow", ALLOW);
    return c.text("This is a collection: PROPFIND or REPORT lists its cards.\n", 405);
  }
  await revision(ctx);
  const card = await getCard(ctx, resource.name);
  if (!card) return c.text(`There is no card ${resource.name}.\n`, 404);
  const version = acceptedVersion(c.req.header("accept"));
  const text = await cardInVersion(ctx, card, version);
  const headers = { "Content-Type": "text/vcard; charset=utf-8", ETag: card.etag };
  if (c.req.header("if-none-match") === card.etag) return c.body(null, 304, headers);
  if (c.req.method === "HEAD") return c.body(null, 200, headers);
  return c.body(text, 200, headers);
}

async function put(c: Context, ctx: AppContext, name: string): Promise<Response> {
  const type = (c.req.header("content-type") ?? "text/vcard").toLowerCase();
  if (!/^text\/(x-)?vcard|^text\/directory|^application\/octet-stream|^text\/plain/.test(type))
    return c.text(`A card is text/vcard, not ${type}.\n`, 415);
  const length = Number(c.req.header("content-length") ?? 0);
  if (length > MAX_CARD_BYTES) return c.text("A card is at most 5 MB.\n", 413);
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.length > MAX_CARD_BYTES) return c.text("A card is at most 5 MB.\n", 413);
  const { created } = await putCard(ctx, name, body, conditions(c));
  // No ETag: what is stored is Goodwill's writing of the card, not the bytes sent (RFC 6352 §6.3.2).
  return c.body(null, created ? 201 : 204);
}
