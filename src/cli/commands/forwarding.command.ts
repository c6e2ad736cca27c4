/**
 * `goodwill forwarding [--new]`: the forwarding address that `goodwill serve --smtp-port` takes mail
 * for. Its own top-level command (the inbox's file is another's): the address is set up once, the
 * inbox is visited daily. Works on the store directly, like `token`, as the local owner or --as.
 */
import type { Command } from "commander";
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
      const { forwardingAddress, mailDomain, newForwardingAddress } = await import(
        "../../app/capture/forwarding.js"
      );
      const domain = mailDomain(io.env, flags.mailDomain);
      const store = await openStore(storeUrl(globals, io.env));
      try {
        const ownerId = await ownerFor(store, globals, now);
        const made = flags.new
          ? await newForwardingAddress(store.db, ownerId, domain, new Date(now).toISOString())
          : null;
        const shown = made ?? (await forwardingAddress(store.db, ownerId, domain));
        await print(
          io,
          globals,
          {
            json: shown,
            human: () =>
              made
                ? [
                    `Your forwarding address: ${made.address}`,
                    "(shown once: Goodwill keeps only a fingerprint of it. Any address made before no longer works.)",
                    "Forward a message to it, or BCC it, and the moment is logged with the people on it.",
                    "Mail reaches it through goodwill serve --smtp-port; see docs/deploy.md.",
                  ].join("\n")
                : shown.createdAt
                  ? `You made a forwarding address on ${shown.createdAt.slice(0, 10)} (log-…@${domain}). Goodwill does not keep it; if it is lost, make a new one with goodwill forwarding --new (the old one then stops working).`
                  : `You have no forwarding address yet. Make one with goodwill forwarding --new.`,
          },
          now,
        );
      } finally {
        await store.close();
      }
    });
}
