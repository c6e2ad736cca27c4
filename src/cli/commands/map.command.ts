/** `map [--org O]`: the departments of my organization, how well I know each, as a table with bars. */
import type { Command } from "commander";
import type { DepartmentMapJson } from "../../app/department-map.js";
import { labelText, type Paint, plural, shellWord, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";
import { whoHint } from "../who-hint.js";

const BAR_WIDTH = 10;

// One block per ten points of average strength: the eye finds the gaps before reading a number.
function bar(strength: number | null, p: Paint): string {
  const full = strength === null ? 0 : Math.round((strength / 100) * BAR_WIDTH);
  return p.green("█".repeat(full)) + p.dim("·".repeat(BAR_WIDTH - full));
}

function statusText(d: DepartmentMapJson["departments"][number], p: Paint): string {
  if (d.status === "strong") return p.green(d.status);
  if (d.status === "overdrawn") return p.red(d.status);
  // People known only by name (never contacted) do not make a department known.
  if (d.status === "none") return p.yellow(d.people === 0 ? "nobody yet" : "no contact yet");
  return d.status;
}

/** The people of the organization without a department, named, with how to give them one. */
function renderWithoutDepartment(map: DepartmentMapJson, p: Paint, firstWho?: string): string {
  const people = map.withoutDepartment;
  const first = people[0];
  if (!first) return "";
  return (
    `${p.bold("No department given")}  ${plural(people.length, "person", "people")}: ${people.map((m) => m.name).join(", ")}\n` +
    p.dim(
      `  They show in no department until you set one: goodwill person edit ${firstWho ?? shellWord(first.name)} --dept DEPT`,
    )
  );
}

/** `firstWho`: how the hint names the first person without a department (their id when names repeat). */
export function renderMap(map: DepartmentMapJson, p: Paint, firstWho?: string): string {
  const without = renderWithoutDepartment(map, p, firstWho);
  if (map.departments.length === 0)
    return (
      `No departments of ${map.organization} yet. Add people with --dept, or goodwill dept add NAME.` +
      (without ? `\n\n${without}` : "")
    );
  const rows = map.departments.map((d) => [
    d.mine ? `${d.name} ${p.dim("(yours)")}` : d.name,
    String(d.people),
    d.averageStrength === null ? "–" : String(Math.round(d.averageStrength)),
    bar(d.averageStrength, p),
    d.contacted === 0 && d.balance.entries === 0 ? p.dim("–") : labelText(d.balance.label, p),
    statusText(d, p),
  ]);
  const header = ["department", "people", "strength", "", "balance", "status"];
  return (
    `${p.bold(map.organization)}\n${table(rows, { header, paint: p, rightAlign: [1, 2] })}` +
    (without ? `\n\n${without}` : "")
  );
}

export function registerMapCommand(program: Command, io: CliIo): void {
  program
    .command("map")
    .description("the departments of your organization: people you know, average strength, balance, status")
    .option("--org <organization>", "another organization instead of yours")
    .action(
      act(io, async (service, flags: { org?: string }) => {
        const map = await service.map(flags.org);
        const first = map.withoutDepartment[0];
        const firstWho = first ? await whoHint(service, { kind: "person", ...first }) : undefined;
        return { json: map, human: (p) => renderMap(map, p, firstWho) };
      }),
    );
}
