import { join } from "node:path";
import { keygenAsync } from "@noble/ed25519";
import { Option, type Command } from "commander";
import { PublisherId } from "../../contracts/skills/names.ts";
import { SKILL_RUNTIME_VERSION } from "../../contracts/skills/runtime.ts";
import { verifySkill } from "../../engine/skills/check-install.ts";
import { signManifest } from "../../engine/skills/sign.ts";
import { verifyManifestSignature } from "../../engine/skills/verify-signature.ts";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { registerSkillsServer } from "./skills-server.ts";
import { ensureDirectory, printJson, readBytes, readJson, writeNewFile, writeTextFile } from "../io.ts";
import { formatReport, reportSubject } from "../skills/format-report.ts";
import { keyFiles, PublicKeyFile, readSigningKey } from "../skills/key-files.ts";
import { localCheckInput } from "../skills/local-verify.ts";
import { buildUnsignedManifest, MAX_TTL_DAYS } from "../skills/template.ts";

/** `cplane skills …`: the publisher workflow (keygen → sign → verify) here, the server side in skills-server.ts. */
export function registerSkills(root: Command): void {
  const skills = root.command("skills").description("Sign, verify, install, list and disable skills");

  skills
    .command("keygen")
    .description("Create an Ed25519 publisher key pair: <keyId>.key (private, 0600) and <keyId>.pub.json")
    .requiredOption("--out <dir>", "directory to write the two files to (created if missing)")
    .requiredOption("--publisher <id>", "publisher namespace the key will sign for, e.g. acme")
    .option("--json", "print the public key file as JSON")
    .action((options: { out: string; publisher: string; json?: boolean }) => keygen(options));

  skills
    .command("sign")
    .description("Fill in the bundle digest, length and validity of a manifest template, then sign it")
    .requiredOption("--manifest <file>", "unsigned manifest template (JSON)")
    .requiredOption("--bundle <file>", "the bundle the manifest names")
    .requiredOption("--key <file>", "private key file from `cplane skills keygen`")
    .requiredOption("--out <file>", "where to write the signed manifest")
    .addOption(new Option("--ttl-days <days>", "days until the manifest expires").default("90"))
    .action((options: { manifest: string; bundle: string; key: string; out: string; ttlDays: string }) => sign(options));

  skills
    .command("verify")
    .description("Run every install check locally, with the given public key as the only trusted key")
    .requiredOption("--manifest <file>", "signed manifest")
    .requiredOption("--bundle <file>", "the bundle")
    .requiredOption("--pub <file>", "public key file (<keyId>.pub.json)")
    .addOption(new Option("--runtime <version>", "skill runtime contract version to check against").default(SKILL_RUNTIME_VERSION))
    .option("--installed <version>", "version already installed, to check the version order")
    .option("--grant <capability...>", "capabilities the tenant grants (default: whatever the manifest requires)")
    .option("--json", "print the report as JSON")
    .action((options: VerifyOptions) => verify(options));

  registerSkillsServer(skills);
}

async function keygen(options: { out: string; publisher: string; json?: boolean }): Promise<void> {
  const publisher = PublisherId.safeParse(options.publisher);
  if (!publisher.success) throw new CliError(EXIT.usage, `--publisher ${options.publisher}: ${publisher.error.issues[0]?.message ?? "invalid"}`);
  const { secretKey, publicKey } = await keygenAsync();
  const files = keyFiles(publisher.data, secretKey, publicKey);
  await ensureDirectory(options.out, 0o700);
  const privatePath = join(options.out, `${files.public.keyId}.key`);
  const publicPath = join(options.out, `${files.public.keyId}.pub.json`);
  await writeNewFile(privatePath, `${JSON.stringify(files.private, null, 2)}\n`, 0o600);
  await writeNewFile(publicPath, `${JSON.stringify(files.public, null, 2)}\n`, 0o644);
  if (options.json) return printJson(files.public);
  process.stdout.write(
    `key ${files.public.keyId} for publisher ${publisher.data}\n` +
      `  private: ${privatePath} (keep it secret; never commit it)\n` +
      `  public:  ${publicPath} (give this to tenants to trust)\n`,
  );
}

async function sign(options: { manifest: string; bundle: string; key: string; out: string; ttlDays: string }): Promise<void> {
  const ttlDays = Number(options.ttlDays);
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    throw new CliError(EXIT.usage, `--ttl-days ${options.ttlDays}: expected a whole number of days from 1 to ${MAX_TTL_DAYS}`);
  }
  const template = await readJson(options.manifest, "manifest template");
  const bundle = await readBytes(options.bundle, "bundle");
  const key = await readSigningKey(await readJson(options.key, "key file"));
  if (!key.ok) throw new CliError(EXIT.usage, `key file ${options.key}: ${key.error}`);

  const built = buildUnsignedManifest(template, bundle, new Date(), ttlDays);
  if (!built.ok) throw new CliError(EXIT.usage, `manifest template ${options.manifest} is invalid:\n  ${built.errors.join("\n  ")}`);
  const unsigned = built.manifest;
  if (unsigned.publisher !== key.key.publisher) {
    throw new CliError(
      EXIT.usage,
      `key ${key.key.keyId} signs only for publisher ${key.key.publisher}, but the manifest's publisher is ${unsigned.publisher}`,
    );
  }

  const signed = await signManifest(unsigned, key.key.privateKey, key.key.keyId);
  if (!(await verifyManifestSignature(signed, key.key.publicKey))) {
    throw new CliError(EXIT.failed, "the new signature does not verify with the key file's public key; nothing written");
  }
  await writeTextFile(options.out, `${JSON.stringify(signed, null, 2)}\n`);
  process.stdout.write(
    `signed ${signed.skill}@${signed.version} with key ${signed.signature.keyId}\n` +
      `  bundle:  sha256 ${signed.bundle.sha256}, ${signed.bundle.length} bytes\n` +
      `  valid:   ${signed.issuedAt} until ${signed.expiresAt}\n` +
      `  written: ${options.out}\n`,
  );
}

interface VerifyOptions {
  manifest: string;
  bundle: string;
  pub: string;
  runtime: string;
  installed?: string;
  grant?: string[];
  json?: boolean;
}

async function verify(options: VerifyOptions): Promise<void> {
  const manifest = await readJson(options.manifest, "manifest");
  const bundle = await readBytes(options.bundle, "bundle");
  const publicKey = PublicKeyFile.safeParse(await readJson(options.pub, "public key file"));
  if (!publicKey.success) {
    throw new CliError(EXIT.usage, `${options.pub} is not a public key file: ${publicKey.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const report = await verifySkill(
    localCheckInput({
      manifest,
      bundle,
      publicKey: publicKey.data,
      runtimeVersion: options.runtime,
      installedVersion: options.installed,
      grants: options.grant,
      now: new Date(),
    }),
  );
  if (options.json) printJson(report);
  else process.stdout.write(`${formatReport(report, reportSubject(manifest, options.manifest))}\n`);
  if (!report.ok) throw new CliExit(EXIT.failed);
}
