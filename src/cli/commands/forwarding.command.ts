/**
 * `goodwill forwarding [--new]`: the forwarding address that `goodwill serve --smtp-port` takes mail
 * for. Its own top-level command (the inbox's file is another's): the address is set up once, the
 * inbox is visited daily. Against a team server it asks the API (the server's domain); on a store,
 * as the local owner or --as.
 */
import type { Command } from "commander";
import type { ForwardingAddressJson } from "../../app/capture/forwarding.js";
import { openStore } from "../../storage/store.js";
import { type CliIo, clock, type Globals, ownerFor, print, storeUrl } from "../runtime.js";

export function registerForwardingCommand(program: Command, io: CliIo): void {
  program
    .command("forwarding")
    .description(
      "your forwarding address: mail you forward or BCC to it is logged (goodwill serve --smtp-port)",
    )
    .option("--new", "make a new address, shown once; mail to the old one is refused from now on")
    .option("--mail-domain <domain>", "the domain of the address (env: GOODWILL_MAIL_DOMAIN)")
    .action(async (flags: { new?: boolean; mailDomain?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const now = clock(io.env);
      const shown = await forwardingAddressOf(globals, flags, io.env, now);
      await print(
        io,
        globals,
        {
          json: shown,
          human: () =>
            shown.address
              ? [
                  `Your forwarding address: ${shown.address}`,
                  "(shown once: Goodwill keeps only a fingerprint of it. Any address made before no longer works.)",
                  "Forward a message to it, or BCC it, and the moment is logged with the people on it.",
                  "Mail reaches it through goodwill serve --smtp-port; see docs/deploy.md.",
                ].join("\n")
              : shown.createdAt
                ? `You made a forwarding address on ${shown.createdAt.slice(0, 10)} (log-…@${shown.domain}). Goodwill does not keep it; if it is lost, make a new one with goodwill forwarding --new (the old one then stops working).`
                : "You have no forwarding address yet. Make one with goodwill forwarding --new.",
        },
        now,
      );
    });
}

/** The address from a team server's API when one is configured (its domain is the server's), else from the store. */
async function forwardingAddressOf(
  globals: Globals,
  flags: { new?: boolean; mailDomain?: string },
  env: Record<string, string | undefined>,
  now: number,
): Promise<ForwardingAddressJson> {
  const { remoteCall, remoteSettings } = await import("../../service/remote-service.js");
  const remote = await remoteSettings(globals, env);
  if (remote) return remoteCall(remote)(flags.new ? "POST" : "GET", "/capture/address");
  const { forwardingAddress, mailDomain, newForwardingAddress } = await import(
    "../../app/capture/forwarding.js"
  );
  const domain = mailDomain(env, flags.mailDomain);
  const store = await openStore(storeUrl(globals, env));
  try {
    const ownerId = await ownerFor(store, globals, now);
    return flags.new
      ? await newForwardingAddress(store.db, ownerId, domain, new Date(now).toISOString())
      : await forwardingAddress(store.db, ownerId, domain);
  } finally {
    await store.close();
  }
}
