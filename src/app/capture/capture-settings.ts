/**
 * The settings of capture: how much of a body a moment keeps (`capture:bodies`: none, snippet or
 * all) and the user's own addresses (`capture:my_addresses`, a JSON list), which tell "I wrote
 * this" from "they wrote this".
 */
import { BODY_POLICIES, type BodyPolicy, type MyAddressesSource } from "../../contract/capture.js";
import { GoodwillError } from "../../errors.js";
import { accountEmail, type CaptureIndex } from "../../storage/capture.repository.js";
import { emailKey } from "../../storage/keys.js";
import { readSetting, writeSetting } from "../../storage/settings.repository.js";
import type { AppContext } from "../context.js";

export const BODIES_SETTING = "capture:bodies";
export const MY_ADDRESSES_SETTING = "capture:my_addresses";

/** The body policy in force: the setting, else the snippet. */
export async function bodyPolicy(ctx: AppContext): Promise<BodyPolicy> {
  const value = await readSetting(ctx.db, ctx.ownerId, BODIES_SETTING);
  return BODY_POLICIES.find((p) => p === value) ?? "snippet";
}

/** The addresses saved as the user's own. */
export async function savedAddresses(ctx: AppContext): Promise<string[]> {
  const value = await readSetting(ctx.db, ctx.ownerId, MY_ADDRESSES_SETTING);
  if (!value) return [];
  const list: unknown = JSON.parse(value);
  return Array.isArray(list) ? list.filter((a): a is string => typeof a === "string") : [];
}

/** Checks an address the user says is theirs: something@somewhere, no spaces. */
function readAddress(text: string): string {
  const address = text.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address) || address.length > 320)
    throw new GoodwillError(
      "invalid",
      `--me ${JSON.stringify(text)} is not an email address: give one of your own, like you@example.com.`,
    );
  return address;
}

/** Saves what an import was told: the body policy, and more of the user's own addresses. */
export async function saveCaptureSettings(
  ctx: AppContext,
  input: { bodies?: BodyPolicy | undefined; me?: readonly string[] | undefined },
): Promise<void> {
  if (input.bodies) await writeSetting(ctx.db, ctx.ownerId, BODIES_SETTING, input.bodies);
  if (!input.me || input.me.length === 0) return;
  const saved = await savedAddresses(ctx);
  const keys = new Set(saved.map(emailKey));
  for (const text of input.me) {
    const address = readAddress(text);
    if (keys.has(emailKey(address))) continue;
    keys.add(emailKey(address));
    saved.push(address);
  }
  await writeSetting(ctx.db, ctx.ownerId, MY_ADDRESSES_SETTING, JSON.stringify(saved));
}

/** The user's own addresses during one run, and where they came from. */
export interface MyAddresses {
  /** email key → the address as written */
  addresses: Map<string, string>;
  source: MyAddressesSource;
  isMine(key: string): boolean;
  /** an address the messages were delivered to: mine, when nothing else says which are */
  sawDeliveredTo(address: string): void;
}

/**
 * Mine are the saved addresses and the account's email; when neither is known, the addresses the
 * messages were delivered to. A known person's address is never mine.
 */
export async function resolveMyAddresses(ctx: AppContext, index: CaptureIndex): Promise<MyAddresses> {
  const addresses = new Map<string, string>();
  const add = (address: string) => {
    const key = emailKey(address);
    if (key && !index.emails.has(key) && !addresses.has(key)) addresses.set(key, address.trim());
  };
  for (const address of await savedAddresses(ctx)) add(address);
  let source: MyAddressesSource = addresses.size > 0 ? "setting" : "none";
  const account = await accountEmail(ctx.db, ctx.ownerId);
  if (account) {
    add(account);
    if (source === "none" && addresses.size > 0) source = "account";
  }
  const inferring = addresses.size === 0;
  const mine: MyAddresses = {
    addresses,
    source,
    isMine: (key) => addresses.has(key),
    sawDeliveredTo(address) {
      if (!inferring) return;
      add(address);
      if (addresses.size > 0) mine.source = "inferred";
    },
  };
  return mine;
}
