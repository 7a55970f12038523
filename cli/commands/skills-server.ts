import { type Command, Option } from "commander";
import { SkillInstallOutput } from "../../contracts/commands/skill-install.ts";
import { SkillDisableOutput } from "../../contracts/commands/skill-disable.ts";
import { SkillStatus } from "../../contracts/common/skill.ts";
import { SkillListOutput } from "../../contracts/queries/skill-list.ts";
import { SkillManifest } from "../../contracts/skills/manifest.ts";
import { checkBundleAtLoad } from "../../engine/skills/bundle.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { CliError, EXIT } from "../exit.ts";
import { skillsTable } from "../format/skills.ts";
import { printJson, readBytes, readJson } from "../io.ts";
import { publishBody } from "../skills/publish.ts";

/** `cplane skills install|list|disable`: the tenant's skill registry on the server. */
export function registerSkillsServer(skills: Command): void {
  withApiOptions(
    skills
      .command("install")
      .alias("publish")
      .description("Verify and install a signed skill on the server (POST /v1/skills)")
      .requiredOption("--manifest <file>", "signed manifest")
      .requiredOption("--bundle <file>", "the bundle"),
  ).action((options: ApiFlags & { manifest: string; bundle: string }) => install(options));

  withApiOptions(
    skills
      .command("list")
      .description("Installed skills, every version, active or disabled (GET /v1/skills)")
      .addOption(new Option("--status <status>", "only skills in this status").choices(SkillStatus.options))
      .option("--publisher <id>", "only skills of this publisher"),
  ).action(async (options: ApiFlags & { status?: string; publisher?: string }) => {
    const session = await connect(options);
    const items = await collectPages(
      session,
      SkillListOutput,
      (cursor) => `/v1/skills${queryString({ status: options.status, publisher: options.publisher, limit: 100, cursor })}`,
      "listing skills",
    );
    if (session.json) return printJson({ items });
    process.stdout.write(`${skillsTable(items)}\n`);
  });

  withApiOptions(
    skills
      .command("disable")
      .description("Take an installed skill out of service (POST /v1/skills/{skillId}/disable)")
      .argument("<skillId>")
      .option("--reason <text>", "recorded in the trace"),
  ).action(async (skillId: string, options: ApiFlags & { reason?: string }) => {
    const session = await connect(options);
    const body = options.reason === undefined ? {} : { reason: options.reason };
    const answer = await session.call({ method: "POST", path: `/v1/skills/${segment(skillId)}/disable`, body }, `disabling ${skillId}`);
    const out = expectShape(SkillDisableOutput, answer, "skills disable");
    if (session.json) return printJson(out);
    process.stdout.write(`disabled ${out.skill}@${out.version} (${out.skillId})\n`);
  });
}

async function install(options: ApiFlags & { manifest: string; bundle: string }): Promise<void> {
  const parsed = SkillManifest.safeParse(await readJson(options.manifest, "manifest"));
  if (!parsed.success) {
    throw new CliError(EXIT.usage, `${options.manifest} is not a signed manifest (run \`cplane skills sign\` first): ${parsed.error.issues[0]?.message ?? ""}`);
  }
  const manifest = parsed.data;
  const bundle = await readBytes(options.bundle, "bundle");
  // Refusing locally is kinder than uploading megabytes the server will refuse.
  const local = checkBundleAtLoad(manifest, bundle);
  if (!local.ok) throw new CliError(EXIT.failed, `${options.bundle} is not the bundle the manifest names: ${local.code}: ${local.detail}`);
  const session = await connect(options);
  const answer = await session.call({ method: "POST", path: "/v1/skills", body: publishBody(manifest, bundle) }, `installing ${manifest.skill}@${manifest.version}`);
  const out = expectShape(SkillInstallOutput, answer, "skills install");
  if (session.json) return printJson(out);
  process.stdout.write(`installed ${out.skill.skill}@${out.skill.version} as ${out.skill.skillId} (${out.checks.length} checks passed)\n`);
}
