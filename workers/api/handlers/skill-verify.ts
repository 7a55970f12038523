import { skillVerify } from "../../../contracts/queries/skill-verify.ts";
import { SKILL_RUNTIME_VERSION } from "../../../contracts/skills/runtime.ts";
import { digestOf } from "../../../engine/hash.ts";
import { verifySkill } from "../../../engine/skills/check-install.ts";
import { decodeBundle } from "../../skills/decode-bundle.ts";
import { installedVersion } from "../../skills/installed.ts";
import { loadTenantTrust } from "../../skills/trust-store.ts";
import { implement, requireCaller } from "../handler.ts";

/** Every install check against the tenant's current state; stores and traces nothing. */
export const skillVerifyHandler = implement(skillVerify, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const skill = typeof input.manifest.skill === "string" ? input.manifest.skill : undefined;
  const [trust, installed] = await Promise.all([
    loadTenantTrust(ctx.db, caller.tenantId),
    skill === undefined ? Promise.resolve(undefined) : installedVersion(ctx.db, caller.tenantId, skill),
  ]);
  const report = await verifySkill({
    manifest: input.manifest,
    bundle: input.bundle === undefined ? undefined : decodeBundle(input.bundle),
    ...trust,
    installedVersion: installed,
    runtimeVersion: SKILL_RUNTIME_VERSION,
    grants: caller.capabilities,
    now: ctx.now,
  });
  return { ...report, manifestDigest: digestOf(input.manifest) };
});
