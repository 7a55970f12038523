import type { SkillManifest, UnsignedSkillManifest } from "../../contracts/skills/manifest.ts";
import { canonical } from "../canonical.ts";

/**
 * The bytes a publisher signs: RFC 8785 canonical JSON of the whole manifest with only
 * `signature.value` left out, so the key id and algorithm are bound by the signature too.
 */
export function signedPayload(manifest: SkillManifest): Uint8Array {
  const { signature, ...fields } = manifest;
  return payloadToSign(fields, signature.keyId);
}

/** Also signs upstream MCP manifests (engine/upstream/sign.ts): the same rule over another document. */
export function payloadToSign(unsigned: UnsignedSkillManifest | object, keyId: string): Uint8Array {
  return new TextEncoder().encode(canonical({ ...unsigned, signature: { keyId, alg: "ed25519" } }));
}
