/** `org list` and `tags`: the organizations with their departments, and the tags, each with how many people. */
import type { Command } from "commander";
import type { OrganizationJson, TagJson } from "../../contract/organization.js";
import { type Paint, plural, table } from "../output.js";
import { act, type CliIo } from "../runtime.js";

export function renderOrganizations(organizations: OrganizationJson[], p: Paint): string {
  if (organizations.length === 0)
    return 'No organizations yet. Give someone one: goodwill person add "Name" --org ORG, or set yours with goodwill init --org ORG.';
  return organizations
    .map((o) => {
      const head = `${p.bold(o.name)}${o.mine ? p.dim(" (yours)") : ""}  ${plural(o.people, "person", "people")}`;
      const rows = o.departments.map((d) => [
        `  ${d.name}${d.mine ? p.dim(" (yours)") : ""}`,
        String(d.people),
      ]);
      if (o.withoutDepartment > 0) rows.push([p.dim("  no department given"), String(o.withoutDepartment)]);
      return rows.length === 0 ? head : `${head}\n${table(rows, { rightAlign: [1] })}`;
    })
    .join("\n\n");
}

export function renderTags(tags: TagJson[], p: Paint): string {
  if (tags.length === 0) return "No tags yet. Tag someone: goodwill person edit WHO --tag TAG.";
  return table(
    tags.map((t) => [t.name, String(t.people)]),
    { header: ["tag", "people"], paint: p, rightAlign: [1] },
  );
}

export function registerOrganizationCommands(program: Command, io: CliIo): void {
  program
    .command("org")
    .description("organizations")
    .command("list")
    .description("every organization with its departments and how many people (not archived) are in each")
    .action(
      act(io, async (service) => {
        const { organizations } = await service.listOrganizations();
        return { json: { organizations }, human: (p) => renderOrganizations(organizations, p) };
      }),
    );

  program
    .command("tags")
    .description("every tag with how many people carry it")
    .action(
      act(io, async (service) => {
        const { tags } = await service.listTags();
        return { json: { tags }, human: (p) => renderTags(tags, p) };
      }),
    );
}
