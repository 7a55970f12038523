import { z } from "zod";
import { ApiKeyView } from "../common/api-key.ts";
import { KeyId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ApiKeyRevokeInput = z.strictObject({ keyId: KeyId });
export type ApiKeyRevokeInput = z.infer<typeof ApiKeyRevokeInput>;

export const ApiKeyRevokeOutput = ApiKeyView;
export type ApiKeyRevokeOutput = z.infer<typeof ApiKeyRevokeOutput>;

export const apiKeyRevoke = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.apiKey.revoke",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "keys"],
    description: "Revoke an API key so it stops authenticating at once.",
    goal: "Ends a leaked or unneeded credential without touching any other key.",
    context:
      "Idempotent: revoking a revoked key answers it unchanged, with its first revocation time. A key may revoke " +
      "itself. Revoked keys stay listed (with revokedAt) for audit.",
  },
  input: ApiKeyRevokeInput,
  output: ApiKeyRevokeOutput,
  errors: [{ code: "KEY_NOT_FOUND", status: 404, when: "no key with this id exists in the caller's tenant" }],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/keys/{keyId}/revoke" },
  emits: [],
});
