import { z } from "zod";
import { KeyPrefix, PlaintextApiKey } from "../common/api-key.ts";
import { CapabilityKey, KeyId, PrincipalId, TenantId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const TenantBootstrapInput = z.strictObject({
  tenantId: TenantId,
  name: z.string().min(1).max(200).optional().describe("Display name of the tenant; defaults to the tenant id"),
});
export type TenantBootstrapInput = z.infer<typeof TenantBootstrapInput>;

export const TenantBootstrapOutput = z.strictObject({
  tenantId: TenantId,
  principalId: PrincipalId.describe("The admin principal created for the tenant"),
  keyId: KeyId,
  key: PlaintextApiKey,
  prefix: KeyPrefix,
  capabilities: z.array(CapabilityKey).describe("Every capability of the registry, admin included"),
});
export type TenantBootstrapOutput = z.infer<typeof TenantBootstrapOutput>;

export const tenantBootstrap = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.tenant.bootstrap",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "tenant", "keys"],
    description: "Create a tenant's first admin principal and API key, using the operator's bootstrap token.",
    goal: "Solves the first-key problem without a default password: the operator's secret yields exactly one admin key per tenant.",
    context:
      "Authenticated by ADMIN_BOOTSTRAP_TOKEN, not by an API key; when that token is not configured the route " +
      "answers 404 BOOTSTRAP_DISABLED (closed, not open). Works only while the tenant has no admin: the second " +
      "call, even a concurrent one, answers ALREADY_BOOTSTRAPPED and creates nothing. Creates the tenant if it " +
      "does not exist. The plaintext key appears only in this answer.",
  },
  input: TenantBootstrapInput,
  output: TenantBootstrapOutput,
  errors: [
    { code: "BOOTSTRAP_DISABLED", status: 404, when: "ADMIN_BOOTSTRAP_TOKEN is not configured on this deployment" },
    { code: "ALREADY_BOOTSTRAPPED", status: 409, when: "the tenant already has an admin key from bootstrap" },
  ],
  capability: "control-plane.admin",
  auth: "bootstrap-token",
  http: { method: "POST", path: "/v1/bootstrap", successStatus: 201 },
  emits: [],
});
