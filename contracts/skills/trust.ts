import { z } from "zod";
import { Timestamp } from "../common/ids.ts";
import { Ed25519PublicKey, PublisherId, PublisherKeyId, SemVer, SkillKey } from "./names.ts";

/** A publisher key a tenant trusts, bound to one namespace: it may sign only `<publisher>/*`. */
export const TrustedPublisherKey = z
  .strictObject({
    keyId: PublisherKeyId,
    publisher: PublisherId.describe("The only namespace this key may sign for"),
    publicKey: Ed25519PublicKey,
    notBefore: Timestamp.describe("The key verifies nothing before this instant"),
    notAfter: Timestamp.describe("From this instant the key verifies nothing"),
  })
  .refine((key) => Date.parse(key.notBefore) < Date.parse(key.notAfter), {
    path: ["notAfter"],
    message: "notAfter must be after notBefore",
  });
export type TrustedPublisherKey = z.infer<typeof TrustedPublisherKey>;

/** A tenant's trusted publisher keys. Key ids are unique, so a manifest's keyId names one key or none. */
export const TrustStore = z
  .strictObject({ keys: z.array(TrustedPublisherKey).max(1000) })
  .refine((store) => new Set(store.keys.map((key) => key.keyId)).size === store.keys.length, {
    path: ["keys"],
    message: "key ids must be unique",
  });
export type TrustStore = z.infer<typeof TrustStore>;

/**
 * A revoked key is refused whatever the manifest's issuedAt says: the holder of a leaked key can
 * backdate. `at` records when the revocation was made.
 */
export const RevokedKey = z.strictObject({
  keyId: PublisherKeyId,
  at: Timestamp,
  reason: z.string().min(1).max(1000),
});
export type RevokedKey = z.infer<typeof RevokedKey>;

/** One skill version withdrawn; versions equal under semver (build metadata ignored) are refused too. */
export const RevokedVersion = z.strictObject({
  skill: SkillKey,
  version: SemVer,
  reason: z.string().min(1).max(1000),
});
export type RevokedVersion = z.infer<typeof RevokedVersion>;

export const RevocationList = z.strictObject({
  revokedKeys: z.array(RevokedKey).max(10_000),
  revokedVersions: z.array(RevokedVersion).max(10_000),
});
export type RevocationList = z.infer<typeof RevocationList>;
