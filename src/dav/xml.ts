/**
 * The XML of WebDAV requests and answers: request bodies parsed with fast-xml-parser into elements
 * with their namespaces resolved (clients spell prefixes as they like), answers written as text.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { GoodwillError } from "../errors.js";

export const DAV = "DAV:";
export const CARDDAV = "urn:ietf:params:xml:ns:carddav";
export const CALENDARSERVER = "http://calendarserver.org/ns/";

/** An element of a request body, by namespace and local name. */
export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

/** The root element of a request body, or null for an empty body; malformed XML is refused. */
export function parseXml(text: string): XmlElement | null {
  if (text.trim() === "") return null;
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new GoodwillError("malformed", `The request body is not well-formed XML: ${valid.err.msg}`);
  const nodes = parser.parse(text) as Ordered[];
  const root = elements(nodes, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]))[0];
  if (!root) throw new GoodwillError("malformed", "The request body holds no XML element.");
  return root;
}

function elements(nodes: Ordered[], scope: ReadonlyMap<string, string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const key = Object.keys(node).find((k) => k !== ":@");
    if (key === undefined || key === "#text" || key.startsWith("?") || key === "#comment") continue;
    const attrs = node[":@"] ?? {};
    const inner = new Map(scope);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "xmlns") inner.set("", value);
      else if (name.startsWith("xmlns:")) inner.set(name.slice(6), value);
    }
    const colon = key.indexOf(":");
    const prefix = colon < 0 ? "" : key.slice(0, colon);
    const local = colon < 0 ? key : key.slice(colon + 1);
    const ns = inner.get(prefix);
    if (ns === undefined && prefix !== "")
      throw new GoodwillError("malformed", `The XML prefix "${prefix}" is not declared.`);
    const content = (node[key] as Ordered[]) ?? [];
    const text = content
      .filter((c) => "#text" in c)
      .map((c) => String(c["#text"]))
      .join("");
    out.push({ ns: ns ?? "", name: local, attrs, children: elements(content, inner), text });
  }
  return out;
}

export function child(
  element: XmlElement | null | undefined,
  ns: string,
  name: string,
): XmlElement | undefined {
  return element?.children.find((c) => c.ns === ns && c.name === name);
}

export function childrenNamed(
  element: XmlElement | null | undefined,
  ns: string,
  name: string,
): XmlElement[] {
  return element?.children.filter((c) => c.ns === ns && c.name === name) ?? [];
}

/** Text content escaped (an ETag's quotes stay as they are). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/"/g, "&quot;");
}

const PREFIXES: Record<string, string> = { [DAV]: "d", [CARDDAV]: "card", [CALENDARSERVER]: "cs" };

/** A property element: known namespaces by their prefix, any other one declared on the element. */
export function propElement(ns: string, name: string, inner = ""): string {
  const prefix = PREFIXES[ns];
  const open = prefix ? `${prefix}:${name}` : `x:${name} xmlns:x="${escapeAttribute(ns)}"`;
  const close = prefix ? `${prefix}:${name}` : `x:${name}`;
  if (ns === "" && !prefix)
    return inner === "" ? `<${name} xmlns=""/>` : `<${name} xmlns="">${inner}</${name}>`;
  return inner === "" ? `<${open}/>` : `<${open}>${inner}</${close}>`;
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  403: "Forbidden",
  404: "Not Found",
  507: "Insufficient Storage",
};

export interface PropStat {
  status: number;
  props: string[];
}

/** One <d:response>: a resource's properties grouped by status, or a bare status (a deleted card). */
export function responseXml(href: string, body: PropStat[] | number): string {
  const inner =
    typeof body === "number"
      ? `<d:status>HTTP/1.1 ${body} ${STATUS_TEXT[body] ?? ""}</d:status>`
      : body
          .filter((p) => p.props.length > 0)
          .map(
            (p) =>
              `<d:propstat><d:prop>${p.props.join("")}</d:prop><d:status>HTTP/1.1 ${p.status} ${STATUS_TEXT[p.status] ?? ""}</d:status></d:propstat>`,
          )
          .join("");
  return `<d:response><d:href>${escapeXml(href)}</d:href>${inner}</d:response>`;
}

export function multistatusXml(responses: string[], extra = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:card="${CARDDAV}" xmlns:cs="${CALENDARSERVER}">${responses.join("")}${extra}</d:multistatus>`;
}

/** A WebDAV error body (RFC 4918 §16): the precondition that failed. */
export function errorXml(ns: string, name: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:card="${CARDDAV}">${propElement(ns, name)}</d:error>`;
}
