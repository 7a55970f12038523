import { skillInstall } from "../../../contracts/commands/skill-install.ts";
import type { SkillCheckEntry, SkillCheckFailure } from "../../../contracts/skills/report.ts";
import { SKILL_RUNTIME_VERSION } from "../../../contracts/skills/runtime.ts";
import { checkInstall } from "../../../engine/skills/check-install.ts";
import { manifestDigest } from "../../../engine/skills/manifest-digest.ts";
import { installedSkills } from "../../../schema/index.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import { decodeBundle } from "../../skills/decode-bundle.ts";
import { bundleKey, installedVersion, skillView } from "../../skills/installed.ts";
import { recordRegistryEvent } from "../../skills/registry-trace.ts";
import { loadTenantTrust } from "../../skills/trust-store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

/**
 * Fail-closed install. The tenant grants a skill what the installing key itself holds: the capabilities
 * check runs against the caller's capabilities, so no one can install code that needs more than they have.
 */
export const skillInstallHandler = implement(skillInstall, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const actor = callerActor(caller);
  const bundle = decodeBundle(input.bundle);
  const digest = manifestDigest(input.manifest);
  const [trust, installed] = await Promise.all([
    loadTenantTrust(ctx.db, caller.tenantId),
    installedVersion(ctx.db, caller.tenantId, input.manifest.skill),
  ]);
  const decision = await checkInstall({
    manifest: input.manifest,
    bundle,
    ...trust,
    installedVersion: installed,
    runtimeVersion: SKILL_RUNTIME_VERSION,
    grants: caller.capabilities,
    now: ctx.now,
  });
  if (!decision.ok) {
    const payload = { skill: input.manifest.skill, version: input.manifest.version, manifestDigest: digest, firstFailure: decision.firstFailure, checks: decision.checks };
    await recordRegistryEvent(ctx.env, caller.tenantId, "controlPlane.skill.rejected", payload, actor, ctx.now);
    throw refusal(decision.firstFailure, decision.checks);
  }

  const manifest = decision.manifest;
  const key = bundleKey(manifest.bundle.sha256);
  await ctx.env.SKILLS.put(key, bundle, { sha256: manifest.bundle.sha256, customMetadata: { skill: manifest.skill, version: manifest.version } });
  const row = {
    id: `sk_${crypto.randomUUID().replaceAll("-", "")}`,
    tenantId: caller.tenantId,
    skill: manifest.skill,
    publisher: manifest.publisher,
    version: manifest.version,
    status: "active" as const,
    manifest: JSON.stringify(manifest),
    manifestDigest: digest,
    bundleDigest: manifest.bundle.sha256,
    bundleKey: key,
    signingKeyId: manifest.signature.keyId,
    installedAt: ctx.now.toISOString(),
    installedBy: caller.principalId,
    expiresAt: manifest.expiresAt,
    disabledAt: null,
    disabledReason: null,
  };
  const inserted = await ctx.db.insert(installedSkills).values(row).onConflictDoNothing().returning({ id: installedSkills.id });
  // The version check read state before this insert; a concurrent install of the same version loses here.
  if (inserted.length === 0) throw new ProblemError(409, "DOWNGRADE", `${manifest.skill}@${manifest.version} is already installed.`);
  const view = skillView(row);
  const { status: _status, disabledAt: _disabledAt, ...installedPayload } = view;
  await recordRegistryEvent(ctx.env, caller.tenantId, "controlPlane.skill.installed", installedPayload, actor, ctx.now);
  return { skill: view, checks: decision.checks };
});

function refusal(failure: SkillCheckFailure, checks: SkillCheckEntry[]): ProblemError {
  const status = failure.code === "DOWNGRADE" ? 409 : 422;
  const errors = checks.map((check) => ({
    path: `checks.${check.name}`,
    message: `${check.outcome}${check.code === undefined ? "" : ` ${check.code}`}: ${check.detail}`,
  }));
  return new ProblemError(status, failure.code, `${failure.name}: ${failure.detail}`, errors);
}
