import { and, eq } from "drizzle-orm";
import semver from "semver";
import type { SkillView } from "../../contracts/common/skill.ts";
import { SkillManifest } from "../../contracts/skills/manifest.ts";
import { installedSkills } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export type InstalledRow = typeof installedSkills.$inferSelect;

/** R2 key of a bundle: by digest, so identical bytes are stored once and a key names exactly one content. */
export function bundleKey(sha256: string): string {
  return `bundles/sha256/${sha256}`;
}

export function toolKeysOf(manifest: { skill: string; tools: { name: string }[] }): string[] {
  return manifest.tools.map((tool) => `${manifest.skill}/${tool.name}`);
}

/** The stored manifest, re-parsed: it was verified at install, and parsing again keeps it typed. */
export function manifestOf(row: InstalledRow): SkillManifest {
  return SkillManifest.parse(JSON.parse(row.manifest));
}

export function skillView(row: InstalledRow): SkillView {
  const manifest = manifestOf(row);
  return {
    skillId: row.id,
    skill: row.skill,
    publisher: row.publisher,
    version: row.version,
    status: row.status,
    manifestDigest: row.manifestDigest,
    bundleDigest: row.bundleDigest,
    signingKeyId: row.signingKeyId,
    tools: toolKeysOf(manifest),
    capabilities: manifest.capabilities,
    egress: manifest.egress,
    installedAt: row.installedAt,
    expiresAt: row.expiresAt,
    disabledAt: row.disabledAt,
  };
}

/**
 * The highest version of `skill` the tenant ever installed, disabled ones included: disabling a version
 * must not open the door to reinstalling an older one.
 */
export async function installedVersion(db: Db, tenantId: string, skill: string): Promise<string | undefined> {
  const rows = await db
    .select({ version: installedSkills.version })
    .from(installedSkills)
    .where(and(eq(installedSkills.tenantId, tenantId), eq(installedSkills.skill, skill)));
  return rows.map((r) => r.version).sort(semver.rcompare)[0];
}

/** Manifests of the tenant's active skills, in skill key order: what the tenant's plans may use. */
export async function activeManifests(db: Db, tenantId: string): Promise<SkillManifest[]> {
  return manifestsOf(await activeSkillsQuery(db, tenantId));
}

export function activeSkillsQuery(db: Db, tenantId: string) {
  return db
    .select()
    .from(installedSkills)
    .where(and(eq(installedSkills.tenantId, tenantId), eq(installedSkills.status, "active")));
}

export function manifestsOf(rows: readonly InstalledRow[]): SkillManifest[] {
  return [...rows].sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : semver.compare(a.version, b.version))).map(manifestOf);
}
