import { and, eq } from "drizzle-orm";
import { apiKeyCreate } from "../../../contracts/commands/api-key-create.ts";
import { capabilityOf } from "../../../contracts/common/api-key.ts";
import { registry } from "../../../contracts/index.ts";
import { principals } from "../../../schema/index.ts";
import { newId } from "../../ingest/ids.ts";
import { implement, requireCaller } from "../handler.ts";
import { scopeOf, widerThanHeld } from "../grant-narrowing.ts";
import { prepareKey } from "../issue-key.ts";
import { ProblemError } from "../problem.ts";

export const apiKeyCreateHandler = implement(apiKeyCreate, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { db, now } = ctx;
  const known = new Set(registry.capabilities().map((c) => c.meta.key));
  const requested = input.capabilities.map(scopeOf);
  const unknown = input.capabilities.map(capabilityOf).filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new ProblemError(422, "UNKNOWN_CAPABILITY", `Unknown capabilities: ${unknown.join(", ")}.`, [
      { path: "capabilities", message: `unknown: ${unknown.join(", ")}` },
    ]);
  }
  const notHeld = input.capabilities.map(capabilityOf).filter((c) => !caller.capabilities.has(c));
  if (notHeld.length > 0) {
    throw new ProblemError(403, "CAPABILITY_NOT_HELD", `The calling key does not hold: ${notHeld.join(", ")}.`, [
      { path: "capabilities", message: `not held: ${notHeld.join(", ")}` },
    ]);
  }
  const wider = requested.flatMap((grant, i) => {
    const held = caller.grants.get(grant.capability);
    const why = held === undefined ? null : widerThanHeld(grant, held);
    return why === null ? [] : [{ path: `capabilities.${i}`, message: why }];
  });
  if (wider.length > 0) {
    throw new ProblemError(403, "GRANT_WIDER_THAN_HELD", "A requested grant is narrowed less than the calling key's own grant.", wider);
  }
  if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime()) {
    throw new ProblemError(422, "EXPIRY_IN_PAST", "expiresAt must be in the future.", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }

  let principalId = input.principalId;
  const extra = [];
  if (principalId === undefined) {
    principalId = newId("pr");
    extra.push(
      db.insert(principals).values({
        id: principalId,
        tenantId: caller.tenantId,
        type: input.principalType ?? "service",
        displayName: input.name,
        channelIdentity: null,
        createdAt: now.toISOString(),
      }),
    );
  } else {
    const owner = await db.query.principals.findFirst({
      where: and(eq(principals.id, principalId), eq(principals.tenantId, caller.tenantId)),
    });
    if (!owner) throw new ProblemError(404, "PRINCIPAL_NOT_FOUND", `No principal ${principalId} in this tenant.`);
  }

  const { statements, issued } = await prepareKey(db, {
    tenantId: caller.tenantId,
    principalId,
    name: input.name,
    capabilities: requested,
    expiresAt: input.expiresAt ?? null,
    now,
  });
  const [first, ...rest] = [...extra, ...statements];
  if (first === undefined) throw new Error("no statements to store a key");
  await db.batch([first, ...rest]);
  return { ...issued, principalId };
});
