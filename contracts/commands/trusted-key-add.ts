import { z } from "zod";
import { TrustedKeyView } from "../common/trusted-key.ts";
import { defineOperation } from "../define.ts";
import { TrustedPublisherKey } from "../skills/trust.ts";

export const TrustedKeyAddInput = TrustedPublisherKey;
export type TrustedKeyAddInput = z.infer<typeof TrustedKeyAddInput>;

export const TrustedKeyAddOutput = TrustedKeyView;
export type TrustedKeyAddOutput = z.infer<typeof TrustedKeyAddOutput>;

export const trustedKeyAdd = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.trustedKey.add",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust"],
    description: "Trust a publisher's Ed25519 key to sign skills of one namespace.",
    goal: "Makes the tenant's trust in third-party code explicit: a key, a namespace, a validity window.",
    context:
      "The key may sign only `<publisher>/*` and only between notBefore and notAfter. A key id is added once: " +
      "re-adding it, even after revocation, is refused, so a revoked key cannot come back under its old id. Traced " +
      "as controlPlane.trustedKey.added on the tenant's skill registry trace.",
  },
  input: TrustedKeyAddInput,
  output: TrustedKeyAddOutput,
  errors: [{ code: "TRUSTED_KEY_EXISTS", status: 409, when: "the tenant's trust store already has (or had) a key with this id" }],
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/trusted-keys", successStatus: 201 },
  emits: ["controlPlane.trustedKey.added"],
});
