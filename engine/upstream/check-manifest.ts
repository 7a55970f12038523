import { UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import type { RevocationList, TrustStore } from "../../contracts/skills/trust.ts";
import { fromBase64Url } from "../skills/base64url.ts";
import { checkKeyNamespace, checkKeyRevoked, checkKeyValidity, findKey } from "../skills/key-checks.ts";
import type { CheckOutcome } from "../skills/outcome.ts";
import { payloadToSign } from "../skills/signed-payload.ts";
import { checkManifestValidity } from "../skills/validity.ts";
import { verifyPayload } from "../skills/verify-signature.ts";

export type ManifestCheck = { ok: true; manifest: UpstreamManifest } | { ok: false; code: string; detail: string };

/**
 * The skill install's trust checks applied to an upstream manifest, fail-closed and in order: shape, known key,
 * signature, key validity, revocation, namespace (the key's publisher is the manifest's), validity window.
 */
export async function checkUpstreamManifest(input: { manifest: unknown; trustStore: TrustStore; revocations: RevocationList; now: Date }): Promise<ManifestCheck> {
  const parsed = UpstreamManifest.safeParse(input.manifest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: "MANIFEST_INVALID", detail: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  const manifest = parsed.data;
  const lookup = findKey(input.trustStore, manifest.signature.keyId);
  if (lookup.key === undefined) return failure(lookup.outcome);
  const key = lookup.key;
  const publicKey = fromBase64Url(key.publicKey);
  const signature = fromBase64Url(manifest.signature.value);
  const { signature: signed, ...fields } = manifest;
  if (publicKey === undefined || signature === undefined || !(await verifyPayload(payloadToSign(fields, signed.keyId), signature, publicKey))) {
    return { ok: false, code: "SIGNATURE_INVALID", detail: `the signature does not verify with key ${key.keyId}` };
  }
  for (const outcome of [
    checkKeyValidity(key, input.now),
    checkKeyRevoked(key, input.revocations),
    checkKeyNamespace(key, manifest.publisher, `mcp server ${manifest.server}`),
    checkManifestValidity(manifest, input.now),
  ]) {
    if (outcome.outcome === "fail") return failure(outcome);
  }
  return { ok: true, manifest };
}

function failure(outcome: CheckOutcome): ManifestCheck {
  return { ok: false, code: outcome.outcome === "fail" ? outcome.code : "MANIFEST_INVALID", detail: outcome.detail };
}
