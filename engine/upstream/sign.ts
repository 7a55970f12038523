import { signAsync } from "@noble/ed25519";
import { UnsignedUpstreamManifest, UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import { PublisherKeyId } from "../../contracts/skills/names.ts";
import { toBase64Url } from "../skills/base64url.ts";
import { payloadToSign } from "../skills/signed-payload.ts";

/** Signs an upstream manifest exactly as skill manifests are signed (engine/skills/sign.ts). */
export async function signUpstreamManifest(unsigned: UnsignedUpstreamManifest, privateKey: Uint8Array, keyId: string): Promise<UpstreamManifest> {
  const fields = UnsignedUpstreamManifest.parse(unsigned);
  const id = PublisherKeyId.parse(keyId);
  if (privateKey.length !== 32) throw new TypeError(`an Ed25519 private key is 32 bytes, got ${privateKey.length}`);
  const signature = await signAsync(payloadToSign(fields, id), privateKey);
  return UpstreamManifest.parse({ ...fields, signature: { keyId: id, alg: "ed25519", value: toBase64Url(signature) } });
}
