import type { Command } from "commander";
import { SkillVersionRevokeOutput } from "../../contracts/commands/skill-version-revoke.ts";
import { TrustedKeyRevokeOutput } from "../../contracts/commands/trusted-key-revoke.ts";
import { TrustedKeyView } from "../../contracts/common/trusted-key.ts";
import { TrustedKeyListOutput } from "../../contracts/queries/trusted-key-list.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { confirm } from "../confirm.ts";
import { table } from "../format/table.ts";
import { printJson, readJson } from "../io.ts";

/** `cplane trusted-keys …` and `cplane skill-revocations create`: the trust store (runbooks used curl). */
export function registerTrust(root: Command): void {
  const keys = root.command("trusted-keys").description("Publisher keys the tenant trusts for signed skills");

  withApiOptions(keys.command("list").description("List trusted publisher keys (GET /v1/trusted-keys)")).action(async (options: ApiFlags) => {
    const session = await connect(options);
    const items = await collectPages(session, TrustedKeyListOutput, (cursor) => `/v1/trusted-keys${queryString({ limit: 100, cursor })}`, "listing trusted keys", 10_000);
    if (session.json) return printJson({ items });
    process.stdout.write(`${table(["KEY", "PUBLISHER", "STATUS", "NOT BEFORE", "NOT AFTER"], items.map((k) => [k.keyId, k.publisher, k.status, k.notBefore, k.notAfter]))}\n`);
  });

  withApiOptions(
    keys
      .command("add")
      .description("Trust a publisher key (POST /v1/trusted-keys) from a JSON file: {keyId, publisher, publicKey, notBefore, notAfter}")
      .argument("<file>", "the key as JSON (e.g. from `cplane skills keygen`)"),
  ).action(async (file: string, options: ApiFlags) => {
    const body = await readJson(file, "the trusted key");
    const session = await connect(options);
    const out = expectShape(TrustedKeyView, await session.call({ method: "POST", path: "/v1/trusted-keys", body }, "adding the trusted key"), "trusted-keys add");
    if (session.json) return printJson(out);
    process.stdout.write(`trusted ${out.keyId} for ${out.publisher} until ${out.notAfter}\n`);
  });

  withApiOptions(
    keys
      .command("revoke")
      .description("Revoke a publisher key (POST /v1/trusted-keys/{keyId}/revoke); disables every skill it signed")
      .argument("<keyId>")
      .requiredOption("--reason <text>", "recorded in the revocation list and the trace")
      .option("-y, --yes", "revoke without asking first"),
  ).action(async (keyId: string, options: ApiFlags & { reason: string; yes?: boolean }) => {
    await confirm(`revoke ${keyId} and disable every skill it signed`, options.yes);
    const session = await connect(options);
    const answer = await session.call({ method: "POST", path: `/v1/trusted-keys/${segment(keyId)}/revoke`, body: { reason: options.reason } }, `revoking ${keyId}`);
    const out = expectShape(TrustedKeyRevokeOutput, answer, "trusted-keys revoke");
    if (session.json) return printJson(out);
    process.stdout.write(`revoked ${out.key.keyId}; disabled ${JSON.stringify(out.disabledSkills)}\n`);
  });

  withApiOptions(
    root
      .command("skill-revocations")
      .description("Revoked skill versions")
      .command("create")
      .description("Revoke one version of a skill (POST /v1/skill-revocations); installs of it are refused and it is disabled")
      .argument("<skill>", "<publisher>/<skill>")
      // A positional, not --version: that flag is cplane's own.
      .argument("<version>", "the version to revoke (semver)")
      .requiredOption("--reason <text>", "recorded with the revocation"),
  ).action(async (skill: string, version: string, options: ApiFlags & { reason: string }) => {
    const session = await connect(options);
    const body = { skill, version, reason: options.reason };
    const out = expectShape(SkillVersionRevokeOutput, await session.call({ method: "POST", path: "/v1/skill-revocations", body }, "revoking the skill version"), "skill-revocations create");
    if (session.json) return printJson(out);
    process.stdout.write(`revoked ${out.revocation.skill}@${out.revocation.version}; disabled ${JSON.stringify(out.disabledSkills)}\n`);
  });
}
