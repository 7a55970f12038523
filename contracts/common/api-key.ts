import { z } from "zod";
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

export const CapabilityList = z
  .array(CapabilityKey)
  .min(1)
  .max(50)
  .refine((caps) => new Set(caps).size === caps.length, { message: "capabilities must not repeat" });

/** A key as lists show it: never the key, never its hash. */
export const ApiKeyView = z.strictObject({
  keyId: KeyId,
  name: z.string(),
  prefix: KeyPrefix,
  principalId: PrincipalId,
  capabilities: z.array(CapabilityKey),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
