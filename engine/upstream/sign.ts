import { UnsignedUpstreamManifest, UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import { signatureOver } from "../skills/sign.ts";

/** Signs an upstream manifest exactly as skill manifests are signed (engine/skills/sign.ts). */
export async function signUpstreamManifest(unsigned: UnsignedUpstreamManifest, privateKey: Uint8Array, keyId: string): Promise<UpstreamManifest> {
  const fields = UnsignedUpstreamManifest.parse(unsigned);
  return UpstreamManifest.parse({ ...fields, signature: await signatureOver(fields, privateKey, keyId) });
}
