import { z } from "zod";
import { GrantRequest, GrantView } from "./grant.ts";
import { CapabilityKey, KeyId, PrincipalId, Timestamp } from "./ids.ts";

/** The plaintext key: shown once, in the answer that created it, and never stored. */
export const PlaintextApiKey = z
  .string()
  .min(20)
  .max(200)
  .describe("The API key itself, for `Authorization: Bearer <key>`; shown only in this answer, store it now");

export const KeyPrefix = z
  .string()
  .min(1)
  .max(50)
  .describe("Public start of the key, to recognise it in lists and logs");

/** Grants for a new key: each a capability key, or `{ capability, tools?, channels?, constraints? }` to narrow it. */
export const CapabilityList = z
  .array(GrantRequest)
  .min(1)
  .max(50)
  .refine((grants) => new Set(grants.map(capabilityOf)).size === grants.length, { message: "capabilities must not repeat" });

export function capabilityOf(grant: GrantRequest): string {
  return typeof grant === "string" ? grant : grant.capability;
}

/** A key as lists show it: never the key, never its hash. */
export const ApiKeyView = z.strictObject({
  keyId: KeyId,
  name: z.string(),
  prefix: KeyPrefix,
  principalId: PrincipalId,
  capabilities: z.array(CapabilityKey),
  grants: z.array(GrantView).describe("Each capability with its narrowing (`null`: not narrowed)"),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
