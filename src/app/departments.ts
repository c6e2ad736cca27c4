/** Departments of an organization, mine by default: gaps show on the map before anyone is known there. */
import { invalid } from "../errors.js";
import { myOrganization, obtainDepartment, obtainOrganization } from "../storage/organization.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { loadMe } from "./relationship-state.js";

export async function addDepartment(ctx: AppContext, name: string, organization?: string) {
  const me = await loadMe(ctx);
  if (!organization && !me.organizationId) {
    throw invalid(
      `Which organization is "${name}" part of? Add --org ORG, or set yours with "goodwill init --name NAME --org ORG".`,
      {
        field: "org",
      },
    );
  }
  return inWriteTransaction(ctx, async (tx) => {
    const at = nowIso(tx);
    const org = organization
      ? await obtainOrganization(tx.db, ctx.ownerId, organization, at)
      : await myOrganization(tx.db, ctx.ownerId, me.organizationId);
    const department = await obtainDepartment(tx.db, ctx.ownerId, org.id, name, at);
    return { id: department.id, name: department.name, organization: org.name };
  });
}
