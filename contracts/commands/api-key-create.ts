import { z } from "zod";
import { CapabilityList, KeyPrefix, PlaintextApiKey } from "../common/api-key.ts";
import { GrantView } from "../common/grant.ts";
import { CapabilityKey, KeyId, PrincipalId, Timestamp } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ApiKeyCreateInput = z.strictObject({
  name: z.string().min(1).max(100).describe("What the key is for, e.g. `ci-deploy`"),
  principalId: PrincipalId.optional().describe(
    "Principal the key acts as; when omitted a new service principal named after the key is created",
  ),
  principalType: z
    .enum(["service", "agent"])
    .optional()
    .describe("Type of the principal created when principalId is omitted: `agent` for AI agents (MCP clients); `service` when omitted"),
  capabilities: CapabilityList.describe(
    "Grants: a capability key, or `{ capability, tools?, channels?, constraints? }` to narrow it; each must be held by the calling key, no wider than the caller's own grant",
  ),
  expiresAt: z.iso.datetime().optional().describe("When the key stops working; no expiry when omitted"),
}).refine((i) => i.principalId === undefined || i.principalType === undefined, {
  message: "principalType applies only to the principal created when principalId is omitted",
  path: ["principalType"],
});
export type ApiKeyCreateInput = z.infer<typeof ApiKeyCreateInput>;

export const ApiKeyCreateOutput = z.strictObject({
  keyId: KeyId,
  key: PlaintextApiKey,
  prefix: KeyPrefix,
  principalId: PrincipalId,
  capabilities: z.array(CapabilityKey),
  grants: z.array(GrantView),
  expiresAt: Timestamp.nullable(),
});
export type ApiKeyCreateOutput = z.infer<typeof ApiKeyCreateOutput>;

export const apiKeyCreate = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.apiKey.create",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "keys"],
    description: "Issue a new API key with a subset of the caller's capabilities.",
    goal: "Gives each integration and person its own narrowly scoped, revocable credential.",
    context:
      "A key can only be granted capabilities the calling key holds, so no key can mint a stronger one. Only the " +
      "SHA-256 of the key is stored; the plaintext appears once, in this answer. Keys belong to the caller's tenant. " +
      "A grant may be narrowed to tools, channels and argument constraints; a caller whose own grant is narrowed can only " +
      "grant that capability at least as narrowly.",
  },
  input: ApiKeyCreateInput,
  output: ApiKeyCreateOutput,
  errors: [
    { code: "UNKNOWN_CAPABILITY", status: 422, when: "a requested capability is not in the registry" },
    { code: "CAPABILITY_NOT_HELD", status: 403, when: "a requested capability is not held by the calling key" },
    { code: "GRANT_WIDER_THAN_HELD", status: 403, when: "a requested grant is narrowed less than the calling key's own grant of that capability" },
    { code: "PRINCIPAL_NOT_FOUND", status: 404, when: "principalId names no principal of the caller's tenant" },
    { code: "EXPIRY_IN_PAST", status: 422, when: "expiresAt is not in the future" },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/keys", successStatus: 201 },
  emits: [],
});
