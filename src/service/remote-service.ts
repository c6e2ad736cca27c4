/**
 * The service over a team server's HTTP API: with GOODWILL_SERVER_URL and GOODWILL_TOKEN (or after
 * `goodwill login URL`), every CLI command works as that account. Answers and errors are the
 * server's own documents, so output and exit codes are the same as on a local store.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ImportFile } from "../app/read-file.js";
import { type ErrorCode, GoodwillError } from "../errors.js";
import type { GoodwillService } from "./goodwill-service.js";
import { serviceOverHttp } from "./http-routes.js";

export interface RemoteSettings {
  server: string;
  token: string;
}

/** ~/.config/goodwill/config.json (or $XDG_CONFIG_HOME): where `goodwill login` keeps the token. */
export function configPath(env: Record<string, string | undefined>): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== ""
      ? env.XDG_CONFIG_HOME
      : join(env.HOME || homedir(), ".config");
  return join(base, "goodwill", "config.json");
}

export async function readConfig(env: Record<string, string | undefined>): Promise<Partial<RemoteSettings>> {
  try {
    const value: unknown = JSON.parse(await readFile(configPath(env), "utf8"));
    if (typeof value !== "object" || value === null) return {};
    const { server, token } = value as Record<string, unknown>;
    return {
      ...(typeof server === "string" ? { server } : {}),
      ...(typeof token === "string" ? { token } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Which server to talk to, if any: a --db or GOODWILL_DATABASE_URL always means the store itself;
 * else GOODWILL_SERVER_URL (with GOODWILL_TOKEN, or the saved token for that server), else the
 * server saved by `goodwill login`.
 */
export async function remoteSettings(
  globals: { db?: string },
  env: Record<string, string | undefined>,
): Promise<RemoteSettings | null> {
  if (globals.db || env.GOODWILL_DATABASE_URL) return null;
  const config = await readConfig(env);
  const server = env.GOODWILL_SERVER_URL || config.server;
  if (!server) return null;
  const token = env.GOODWILL_TOKEN || (config.server === server ? config.token : undefined);
  if (!token) {
    throw new GoodwillError(
      "unauthorized",
      `No token for ${server}: set GOODWILL_TOKEN, or sign in with "goodwill login ${server}".`,
    );
  }
  return { server: server.replace(/\/+$/, ""), token };
}

export function remoteService(settings: RemoteSettings): GoodwillService {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; query?: Record<string, unknown>; raw?: Uint8Array } = {},
  ): Promise<T> {
    const url = new URL(`${settings.server}/api/v1${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== false) url.searchParams.set(key, String(value));
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${settings.token}`,
          ...(options.raw
            ? { "content-type": "application/octet-stream" }
            : options.body !== undefined
              ? { "content-type": "application/json" }
              : {}),
        },
        ...(options.raw
          ? { body: options.raw }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {}),
      });
    } catch (error) {
      throw new GoodwillError(
        "store_unavailable",
        `Cannot reach the Goodwill server at ${settings.server}: ${(error as Error).message}.`,
      );
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok) {
      const document = type.includes("json")
        ? ((await response.json()) as { error?: { code?: string; message?: string; details?: unknown } })
        : null;
      const error = document?.error;
      throw new GoodwillError(
        (error?.code as ErrorCode) ?? "internal",
        error?.message ?? `The server answered ${response.status}.`,
        error?.details,
      );
    }
    return (type.includes("json") ? await response.json() : await response.text()) as T;
  }
  return {
    ...serviceOverHttp(call),
    async importContacts(file, format, onProgress) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of file.stream()) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      const result = await call<Awaited<ReturnType<GoodwillService["importContacts"]>>>("POST", "/import", {
        raw: bytes,
        query: { format, filename: file.path.split(/[\\/]/).pop() },
      });
      onProgress?.(bytes.length);
      return result;
    },
    async importHistory(source, options, onProgress) {
      const files: ImportFile[] = [];
      for await (const file of source.files()) {
        files.push(file);
        if (files.length > 1) break;
      }
      const [file] = files;
      if (!file || files.length > 1)
        throw new GoodwillError(
          "invalid",
          `${source.path} is a folder of messages, and a server takes one file at a time: import an mbox of them (or each .eml file) instead.`,
        );
      const chunks: Uint8Array[] = [];
      for await (const chunk of file.stream()) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      const result = await call<Awaited<ReturnType<GoodwillService["importHistory"]>>>("POST", "/import", {
        raw: bytes,
        query: {
          filename: file.path.split(/[\\/]/).pop(),
          ...(options.bodies ? { bodies: options.bodies } : {}),
          ...(options.me?.length ? { me: options.me.join(",") } : {}),
        },
      });
      onProgress?.(bytes.length);
      return result;
    },
    async exportData(format, options) {
      const text = await call<string | object>("GET", "/export", {
        query: { format, vcardVersion: options.vcardVersion },
      });
      const body = typeof text === "string" ? text : `${JSON.stringify(text, null, 2)}\n`;
      return { text: body, count: countOf(format, body) };
    },
  };
}

/** How many records an exported file holds, counted the way the local export counts them. */
function countOf(format: string, text: string): number {
  if (format === "vcard") return (text.match(/^BEGIN:VCARD/gm) ?? []).length;
  if (format === "ics") return (text.match(/^BEGIN:VEVENT/gm) ?? []).length;
  if (format === "csv") return Math.max(0, text.split(/\r\n/).filter((l) => l !== "").length - 1);
  const backup = JSON.parse(text) as Record<string, unknown[]>;
  return ["people", "interactions", "exchanges", "asks", "commitments", "notes"].reduce(
    (n, k) => n + (backup[k]?.length ?? 0),
    0,
  );
}
