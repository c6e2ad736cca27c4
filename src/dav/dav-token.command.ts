/** `goodwill token create --dav`: an app password for a phone, printed with how to use it. */
import { davPasswordFor } from "../app/dav-passwords.js";
import type { Store } from "../storage/store.js";
import { ADDRESS_BOOK } from "./dav-app.js";

export async function davToken(store: Store, now: number, flags: { user?: string; name: string }) {
  const made = await davPasswordFor(store.db, flags.user, flags.name === "cli" ? "phone" : flags.name, now);
  return {
    json: {
      id: made.id,
      name: made.name,
      password: made.password,
      username: made.username,
      path: ADDRESS_BOOK,
    },
    human: () =>
      [
        `App password for ${made.name}: ${made.password}`,
        "(shown once; it opens the address book only.)",
        `On the phone: server https://YOUR-SERVER${ADDRESS_BOOK} (or just https://YOUR-SERVER),`,
        `user name ${made.username}, this password. See "Your contacts on your phone" in the README.`,
      ].join("\n"),
  };
}
