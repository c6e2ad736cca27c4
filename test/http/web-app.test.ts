import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/http/env.js";
import { HEALTH_PATH } from "../../src/http/routes/health.routes.js";
import { registerWebApp } from "../../src/http/web-app.js";
import { isWebAppPage } from "../../src/http/web-app-pages.js";

const INDEX = "<!doctype html><title>Goodwill</title><div id=root></div>";
const WORKER = "self.addEventListener('push', () => {});";
const MANIFEST = JSON.stringify({ name: "Goodwill", start_url: "/" });

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The web app's routes over a small built web root (index.html, the service worker, one asset). */
function webApp() {
  root = mkdtempSync(join(tmpdir(), "goodwill-web-"));
  writeFileSync(join(root, "index.html"), INDEX);
  writeFileSync(join(root, "sw.js"), WORKER);
  writeFileSync(join(root, "manifest.webmanifest"), MANIFEST);
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "assets", "app-1234.js"), "console.log(1)");
  const app = new OpenAPIHono<Env>();
  registerWebApp(app, root);
  app.notFound((c) => c.json({ error: { code: "not_found" } }, 404));
  return app;
}

describe("the web app's files and pages", () => {
  it("a note's links are pages even when the token's tail after its dot looks like a file extension", async () => {
    const app = webApp();
    // A signed token is <payload>.<signature>; a signature of letters and digits only ends the
    // address like "file.abc123" would.
    for (const path of [
      "/act/eyJ2IjoxLCJvIjoiYSJ9.Zk3q9abcDEF0123456789xyzXYZ0123456789abcd",
      "/unsubscribe/eyJ2IjoxfQ.abc123",
      "/act/eyJ2IjoxfQ.a-b_c",
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(INDEX);
    }
  });

  it("serves the service worker as JavaScript from the root, and other files as they are", async () => {
    const app = webApp();
    const worker = await app.request("/sw.js");
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-type")).toMatch(/javascript/);
    expect(await worker.text()).toBe(WORKER);
    expect((await app.request("/people/0193a3c2-1111")).status).toBe(200);
    expect(await (await app.request("/assets/app-1234.js")).text()).toBe("console.log(1)");
    // an address that looks like a file and is none is not answered with the app
    expect((await app.request("/missing.png")).status).toBe(404);
    expect((await app.request("/act/deeper/still.png")).status).toBe(404);
  });

  it("index.html, the service worker and the manifest are asked for again each time; hashed assets are kept", async () => {
    const app = webApp();
    for (const path of ["/", "/people", "/index.html", "/sw.js", "/manifest.webmanifest"]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-cache");
    }
    const manifest = await app.request("/manifest.webmanifest");
    expect(manifest.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    expect(await manifest.text()).toBe(MANIFEST);
    const asset = await app.request("/assets/app-1234.js");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("the share target's address is a page", async () => {
    const app = webApp();
    const shared = await app.request("/share?title=Q3&text=plan&url=https%3A%2F%2Fexample.com%2Fq3.pdf");
    expect(shared.status).toBe(200);
    expect(await shared.text()).toBe(INDEX);
  });
});

describe("which addresses are the web app's pages (the server and the service worker ask the same)", () => {
  it("the API, its documents, the health check and the sign-in link are not pages; screens and note links are", () => {
    for (const path of [
      "/api/v1/auth/local",
      "/api/v1/today",
      "/api/docs",
      "/api",
      "/openapi.json",
      HEALTH_PATH,
    ])
      expect(isWebAppPage(path), path).toBe(false);
    for (const path of ["/", "/people", "/people/0193a3c2-1111", "/share", "/settings", "/act/eyJ2.Zk3q9"])
      expect(isWebAppPage(path), path).toBe(true);
    for (const path of ["/sw.js", "/manifest.webmanifest", "/icons/icon-192.png", "/favicon.svg"])
      expect(isWebAppPage(path), path).toBe(false);
  });
});
