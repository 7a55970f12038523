import { registry } from "../../../contracts/index.ts";
import { tenantBootstrap } from "../../../contracts/commands/tenant-bootstrap.ts";
import { groupMembers, principals, tenantBootstraps, tenants } from "../../../schema/index.ts";
import { newId } from "../../ingest/ids.ts";
import { implement } from "../handler.ts";
import { prepareKey } from "../issue-key.ts";
import { ProblemError } from "../problem.ts";

/**
 * Creates a tenant's first admin: principal, key and every capability, in one batch with the
 * tenant's bootstrap row, whose primary key makes a second bootstrap (even a concurrent one) fail whole.
 */
export const tenantBootstrapHandler = implement(tenantBootstrap, async (input, { db, now }) => {
  const at = now.toISOString();
  const principalId = newId("pr");
  const capabilities = registry.capabilities().map((c) => c.meta.key);
  const { statements: keyStatements, issued } = await prepareKey(db, {
    tenantId: input.tenantId,
    principalId,
    name: "bootstrap-admin",
    capabilities,
    expiresAt: null,
    now,
  });
  try {
    await db.batch([
      db.insert(tenants).values({ id: input.tenantId, name: input.name ?? input.tenantId, createdAt: at }).onConflictDoNothing(),
      db.insert(tenantBootstraps).values({ tenantId: input.tenantId, keyId: issued.keyId, createdAt: at }),
      db.insert(principals).values({
        id: principalId,
        tenantId: input.tenantId,
        type: "human",
        displayName: "bootstrap admin",
        channelIdentity: null,
        createdAt: at,
      }),
      // The default policy asks the `approvers` group; the first admin is its first member.
      db.insert(groupMembers).values({ tenantId: input.tenantId, group: "approvers", principalId, createdAt: at }),
      ...keyStatements,
    ]);
  } catch (error) {
    if (/UNIQUE constraint failed: tenant_bootstraps/.test(String(error))) {
      throw new ProblemError(409, "ALREADY_BOOTSTRAPPED", `Tenant ${input.tenantId} already has an admin.`);
    }
    throw error;
  }
  return {
    tenantId: input.tenantId,
    principalId,
    keyId: issued.keyId,
    key: issued.key,
    prefix: issued.prefix,
    capabilities: issued.capabilities,
  };
});
