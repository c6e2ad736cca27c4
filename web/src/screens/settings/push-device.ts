/**
 * Web Push in this browser: whether it can get notes at all, and subscribing it with the server's
 * VAPID key through the service worker (web/src/sw.ts shows the notification). The server keeps
 * the subscription; this browser remembers which of the server's subscriptions is its own, so
 * Settings can say "this device" and remove it here too.
 */

const OWN_SUBSCRIPTION = "goodwill.push-subscription";

/** Why this browser cannot get push notes, or null when it can. */
export function pushUnsupported(): string | null {
  if (!window.isSecureContext)
    return "Notifications need a secure address: open Goodwill over https:// (or on this computer as localhost) to get notes on this device.";
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window))
    return "This browser cannot receive push notifications (on an iPhone or iPad, add Goodwill to the Home Screen first). Email or a webhook can reach you instead.";
  return null;
}

export const BLOCKED =
  "Notifications are blocked for this site: allow them in the browser's site settings (the icon beside the address), then try again.";

/** "Firefox on Android": how the device is listed in Settings. */
export function deviceLabel(userAgent = navigator.userAgent): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\//.test(userAgent)
      ? "Opera"
      : /Firefox\/|FxiOS/.test(userAgent)
        ? "Firefox"
        : /Chrome\/|CriOS/.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : "A browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Mac OS X/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /CrOS/.test(userAgent)
            ? "ChromeOS"
            : /Linux/.test(userAgent)
              ? "Linux"
              : null;
  return system ? `${browser} on ${system}` : browser;
}

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const bytes = new Uint8Array(a);
  return bytes.every((byte, i) => byte === b[i]);
}

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Asks for permission, registers the service worker and subscribes with the server's key (a
 * subscription made with another key, from before the server's keys changed, is replaced).
 */
export async function subscribeThisBrowser(publicKey: string): Promise<BrowserSubscription> {
  const permission = await Notification.requestPermission();
  if (permission === "denied") throw new Error(BLOCKED);
  if (permission !== "granted")
    throw new Error("Notifications were not allowed: press the button again and choose Allow.");
  await navigator.serviceWorker.register("/sw.js");
  const registration = await navigator.serviceWorker.ready;
  const key = base64UrlBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "NotAllowedError") throw new Error(BLOCKED);
    throw new Error(
      `This browser's push service did not take the subscription (${(error as Error).message}). Browsers without a push service (some privacy builds) cannot get notes: email or a webhook can reach you instead.`,
    );
  }
  const json = subscription.toJSON();
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (!json.endpoint || !p256dh || !auth)
    throw new Error("The browser gave a push subscription without its keys: try again.");
  return { endpoint: json.endpoint, keys: { p256dh, auth } };
}

/** Ends this browser's own subscription (the server's copy is removed separately). */
export async function unsubscribeThisBrowser(): Promise<void> {
  forgetOwnSubscription();
  if (pushUnsupported()) return;
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}

/** The server's id of this browser's subscription, if it still has one. */
export async function ownSubscriptionId(): Promise<string | null> {
  const id = localStorage.getItem(OWN_SUBSCRIPTION);
  if (!id || pushUnsupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  return subscription ? id : null;
}

export function rememberOwnSubscription(id: string): void {
  localStorage.setItem(OWN_SUBSCRIPTION, id);
}

export function forgetOwnSubscription(): void {
  localStorage.removeItem(OWN_SUBSCRIPTION);
}
