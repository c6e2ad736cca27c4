/** `goodwill person dupes`: the likely duplicate pairs, each with why and the merge that joins them. */
import type { Command } from "commander";
import { duplicateLabel } from "../../app/duplicates.js";
import { plural } from "../output.js";
import { act, type CliIo } from "../runtime.js";

export function registerDuplicateCommands(program: Command, io: CliIo): void {
  const person = program.commands.find((c) => c.name() === "person");
  if (!person) throw new Error("the person command is registered first");
  person
    .command("dupes")
    .description("list likely duplicates (same email, same phone, names alike) and how to merge each pair")
    .option("--limit <n>", "how many pairs, the likeliest first (default 100, at most 1000)")
    .action(
      act(io, async (service, flags: { limit?: string }) => {
        const found = await service.duplicates(
          flags.limit === undefined ? {} : { limit: Number(flags.limit) },
        );
        return {
          json: found,
          human: (p) => {
            if (found.pairs.length === 0) return "No likely duplicates.";
            const more = found.total > found.pairs.length;
            const lines = [
              `${plural(found.total, "likely duplicate pair", "likely duplicate pairs")}${more ? `, the likeliest ${found.pairs.length} (see more with --limit)` : ""}:`,
            ];
            for (const pair of found.pairs) {
              lines.push(
                "",
                `  ${p.bold(duplicateLabel(pair.a))}`,
                `  ${p.bold(duplicateLabel(pair.b))}`,
                `    ${pair.reasons.map((r) => r.text).join(", ")} ${p.dim(`(score ${pair.score.toFixed(2)})`)}`,
                `    ${p.dim(`keep the second: goodwill person merge ${pair.a.id} ${pair.b.id} --yes`)}`,
              );
            }
            lines.push("", p.dim("Two different people? goodwill person distinct A B"));
            return lines.join("\n");
          },
        };
      }),
    );

  person
    .command("distinct")
    .description("say two people are not one: person dupes no longer pairs them")
    .argument("<who>", "one of them (name, email or id)")
    .argument("<other>", "the other")
    .action(
      act(io, async (service, who: string, other: string) => {
        const marked = await service.markDistinct(
          (await service.resolve(who)).id,
          (await service.resolve(other)).id,
        );
        return {
          json: marked,
          human: (p) =>
            `${p.bold(marked.distinct.a.name)} and ${p.bold(marked.distinct.b.name)} are two people: person dupes will not pair them again.`,
        };
      }),
    );
}
