/*
 * Goodwill's service worker: it only shows reminder notes sent by Web Push (the server's payload is
 * JSON: {title, body, url, tag}) and opens the note's address when one is tapped. It caches nothing
 * and handles no fetch: the web app works exactly as without it.
 */
self.addEventListener("install", () => {
  // A new version takes over at once: there is no cache whose versions could mix.
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function readPayload(data) {
  if (!data) return {};
  try {
    const parsed = data.json();
    return typeof parsed === "object" && parsed !== null ? parsed : { body: String(parsed) };
  } catch {
    return { body: data.text() };
  }
}

self.addEventListener("push", (event) => {
  const note = readPayload(event.data);
  const title = typeof note.title === "string" && note.title ? note.title : "Goodwill";
  const options = {
    body: typeof note.body === "string" ? note.body : "",
    icon: "/favicon.svg",
    data: { url: typeof note.url === "string" && note.url ? note.url : "/" },
  };
  // One notification per note: a resend of the same note replaces it rather than adding another.
  if (typeof note.tag === "string" && note.tag) options.tag = note.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => client.url === url);
      if (open) return open.focus();
      return self.clients.openWindow(url);
    })(),
  );
});
