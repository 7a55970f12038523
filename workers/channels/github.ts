import { verifyHubSignature256 } from "./hub-signature.ts";
import type { VerifyResult } from "./verify-result.ts";

export interface GitHubSignedRequest {
  secret: string;
  /** `X-Hub-Signature-256` */
  signature: string | null;
  body: Uint8Array<ArrayBuffer>;
}

/** GitHub signs the raw body only; the legacy SHA-1 `X-Hub-Signature` is not accepted. */
export function verifyGitHubSignature(req: GitHubSignedRequest): Promise<VerifyResult> {
  return verifyHubSignature256(req.secret, req.signature, req.body);
}
