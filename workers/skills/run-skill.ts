import { and, eq } from "drizzle-orm";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { checkBundleAtLoad } from "../../engine/skills/bundle.ts";
import { manifestDigest } from "../../engine/skills/manifest-digest.ts";
import { skillToolContracts, splitSkillToolKey } from "../../engine/skills/tool-contracts.ts";
import { installedSkills } from "../../schema/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { describeIssues, guardedRunner } from "../tools/guarded-runner.ts";
import { finalFailure, succeeded, type ToolOutcome } from "../../runtime/tools/outcome.ts";
import type { StepContext } from "../../runtime/tools/step-context.ts";
import { type GatewayFactory, SANDBOX_LIMITS, sandboxFor } from "./sandbox.ts";

export interface SkillRunner {
  run(context: StepContext): Promise<ToolOutcome>;
}

export interface SkillRunnerDeps {
  env: Pick<Env, "DB" | "SKILLS">;
  loader: WorkerLoader;
  gateway: GatewayFactory;
  /** The manifests the execution's plan was compiled against, as recorded at start. */
  manifests: readonly SkillManifest[];
}

/**
 * Runs a skill tool step. Before every run, from current state: the skill version must still be installed
 * and active (disabling stops steps that have not started), its manifest the one the plan was compiled
 * against, and the bundle in R2 the bytes that manifest names (a swapped bundle is refused).
 */
export function createSkillRunner(deps: SkillRunnerDeps): SkillRunner {
  return guardedRunner(
    (context) => runChecked(deps, context),
    (error) => finalFailure("SKILL_ERROR", `the skill failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000)),
  );
}

async function runChecked(deps: SkillRunnerDeps, context: StepContext): Promise<ToolOutcome> {
  const { key, version } = context.step.tool;
  const parts = splitSkillToolKey(key);
  const manifest = deps.manifests.find((m) => m.skill === parts?.skill && m.version === version);
  const tool = manifest === undefined ? undefined : skillToolContracts(manifest).find((t) => t.key === key);
  const declared = manifest?.tools.find((t) => `${manifest.skill}/${t.name}` === key);
  if (parts === undefined || manifest === undefined || tool === undefined || declared === undefined) {
    return finalFailure("UNKNOWN_TOOL", `no skill tool ${key}@${version} in this execution's registry`);
  }

  const row = await database(deps.env.DB).query.installedSkills.findFirst({
    where: and(eq(installedSkills.tenantId, context.tenantId), eq(installedSkills.skill, manifest.skill), eq(installedSkills.version, manifest.version)),
  });
  if (row === undefined || row.status !== "active") {
    return finalFailure("SKILL_DISABLED", `${manifest.skill}@${manifest.version} is ${row === undefined ? "no longer installed" : "disabled"}`);
  }
  if (row.manifestDigest !== manifestDigest(manifest)) {
    return finalFailure("SKILL_CHANGED", `${manifest.skill}@${manifest.version} is installed with another manifest than the plan used`);
  }
  const object = await deps.env.SKILLS.get(row.bundleKey);
  if (object === null) return finalFailure("BUNDLE_MISSING", `the bundle of ${manifest.skill}@${manifest.version} is not in storage`);
  const bundle = new Uint8Array(await object.arrayBuffer());
  const load = checkBundleAtLoad(manifest, bundle);
  if (!load.ok) return finalFailure(load.code, `refusing to run ${manifest.skill}@${manifest.version}: ${load.detail}`);

  const input = tool.input.safeParse(context.input);
  if (!input.success) return finalFailure("INPUT_INVALID", describeIssues(input.error));

  const sandbox = sandboxFor({
    loader: deps.loader,
    gateway: deps.gateway,
    manifest,
    bundle,
    props: { executionId: context.executionId, stepId: context.step.stepId, skill: manifest.skill, version: manifest.version, tool: key, egress: [...manifest.egress] },
    isolateId: `${manifest.bundle.sha256}:${context.executionId}:${context.step.stepId}:${context.attempt}`,
  });
  const response = await withWallClock(
    sandbox.fetch(`https://skill.sandbox/tools/${declared.name}`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": context.idempotencyKey },
      body: JSON.stringify(input.data),
    }),
  );
  if (response === "timeout") return finalFailure("SKILL_TIMEOUT", `the skill did not answer within ${SANDBOX_LIMITS.wallMs} ms`);
  const text = await response.text();
  const body = parseJson(text);
  if (response.status !== 200) {
    const code = typeof body === "object" && body !== null && "code" in body && typeof body.code === "string" ? body.code : `HTTP_${response.status}`;
    return finalFailure("SKILL_FAILED", `${key} answered ${response.status} ${code}: ${text.slice(0, 500)}`);
  }
  const output = tool.output.safeParse(body);
  if (!output.success) return finalFailure("OUTPUT_INVALID", describeIssues(output.error));
  return succeeded(output.data);
}

async function withWallClock(call: Promise<Response>): Promise<Response | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), SANDBOX_LIMITS.wallMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
