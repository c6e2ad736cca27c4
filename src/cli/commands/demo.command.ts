/** `goodwill demo`: the seed story, to look around in. */
import type { Command } from "commander";
import { act, type CliIo } from "../runtime.js";

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description(
      "load the story of Mark, who called IT for three years and never gave back (into an empty store)",
    )
    .action(
      act(io, async (service) => {
        const { loaded } = await service.loadDemo();
        return {
          json: { loaded },
          human: (p) =>
            [
              `Loaded the demo: you are ${p.bold(loaded.me.name)} at ${loaded.me.organization}, with ${loaded.people} people, ${loaded.entries} ledger entries and ${loaded.moments} moments over three years.`,
              "",
              "Mark has called IT for three years and never given anything back. See what Goodwill makes of it:",
              `  ${p.cyan("goodwill today")}                the agenda`,
              `  ${p.cyan("goodwill ledger dept:IT")}       what IT has done for you, and what you gave`,
              `  ${p.cyan("goodwill show Raj")}             one relationship in full`,
              `  ${p.cyan('goodwill ask dept:IT "A new laptop"')}   the check before you ask`,
              `  ${p.cyan('goodwill thank Kevin "for the hard drive swap"')}`,
            ].join("\n"),
        };
      }),
    );
}
