import type { SkillCheckInput } from "../../engine/skills/check-install.ts";
import type { PublicKeyFile } from "./key-files.ts";

export interface LocalVerifyOptions {
  manifest: unknown;
  bundle: Uint8Array;
  publicKey: PublicKeyFile;
  runtimeVersion: string;
  installedVersion?: string | undefined;
  /** Omitted: the capabilities the manifest declares are taken as granted (no tenant to ask). */
  grants?: string[] | undefined;
  now: Date;
}

/**
 * The install checks as a publisher can run them before publishing: the given public key is the
 * whole trust store, with no validity window and no revocations (a tenant's store adds those).
 */
export function localCheckInput(options: LocalVerifyOptions): SkillCheckInput {
  return {
    manifest: options.manifest,
    bundle: options.bundle,
    trustStore: {
      keys: [{ ...options.publicKey, notBefore: "1970-01-01T00:00:00Z", notAfter: "9999-12-31T23:59:59Z" }],
    },
    revocations: { revokedKeys: [], revokedVersions: [] },
    installedVersion: options.installedVersion,
    runtimeVersion: options.runtimeVersion,
    grants: options.grants ?? declaredCapabilities(options.manifest),
    now: options.now,
  };
}

function declaredCapabilities(manifest: unknown): string[] {
  if (typeof manifest !== "object" || manifest === null || !("capabilities" in manifest)) return [];
  const { capabilities } = manifest;
  return Array.isArray(capabilities) ? capabilities.filter((item): item is string => typeof item === "string") : [];
}
