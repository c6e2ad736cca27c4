/// <reference lib="webworker" />
/**
 * Goodwill's service worker (built into /sw.js by vite-plugin-pwa, vite.config.ts).
 *
 * - It keeps the app shell (index.html, every script, style and icon of this build) and answers the
 *   app's pages from it, so Goodwill opens when the server cannot be reached; what the screens show
 *   then is the device's copy of the data (web/src/offline/persist.ts). The API, its documents, the
 *   health check and the one-time sign-in link (/api/v1/auth/local?token=…) always go to the server.
 * - A new version waits until the user presses Reload in the app's "A new version is ready" banner
 *   (web/src/offline/update-banner.tsx): pages are never served from one build with scripts of another.
 * - It shows reminder notes sent by Web Push (the server's payload is JSON: {title, body, url, tag})
 *   and opens the note's address when one is tapped.
 */
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { isWebAppPage } from "../../src/http/web-app-pages.js";

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open pages at once (nothing of an older build is there to mix with).
clientsClaim();

registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" && url.origin === self.location.origin && isWebAppPage(url.pathname),
  createHandlerBoundToURL("/index.html"),
);

self.addEventListener("message", (event) => {
  // the Reload button of "A new version is ready"
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

interface PushNote {
  title?: unknown;
  body?: unknown;
  url?: unknown;
  tag?: unknown;
}

function readPayload(data: PushMessageData | null): PushNote {
  if (!data) return {};
  try {
    const parsed: unknown = data.json();
    return typeof parsed === "object" && parsed !== null ? (parsed as PushNote) : { body: String(parsed) };
  } catch {
    return { body: data.text() };
  }
}

self.addEventListener("push", (event) => {
  const note = readPayload(event.data);
  const title = typeof note.title === "string" && note.title ? note.title : "Goodwill";
  const options: NotificationOptions = {
    body: typeof note.body === "string" ? note.body : "",
    icon: "/icons/icon-192.png",
    data: { url: typeof note.url === "string" && note.url ? note.url : "/" },
  };
  // One notification per note: a resend of the same note replaces it rather than adding another.
  if (typeof note.tag === "string" && note.tag) options.tag = note.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const wanted = (event.notification.data as { url?: unknown } | null)?.url;
  const url = new URL(typeof wanted === "string" ? wanted : "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => client.url === url);
      if (open) {
        await open.focus();
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
