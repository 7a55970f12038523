import { z } from "zod";
import type { DeclaredError } from "../define.ts";
import { PolicyDocument } from "../policy/document.ts";
import { Timestamp } from "./ids.ts";

export const PolicyVersion = z
  .string()
  .regex(/^([1-9][0-9]{0,8}|default-[0-9]+)$/)
  .describe("A tenant's policy version (1, 2, …) or the built-in `default-N`");

/** A published policy version as stored: immutable, identified by version and content hash. */
export const PolicyView = z.strictObject({
  version: PolicyVersion,
  hash: z.string().regex(/^[0-9a-f]{64}$/).describe("digest of the canonical JSON of the normalised document"),
  name: z.string(),
  source: z.enum(["published", "default"]).describe("`default` is the built-in policy a tenant has until it activates its own"),
  active: z.boolean(),
  publishedAt: Timestamp.nullable(),
  publishedBy: z.string().nullable(),
  document: PolicyDocument,
});
export type PolicyView = z.infer<typeof PolicyView>;

export const policyNotFound: DeclaredError = {
  code: "POLICY_NOT_FOUND",
  status: 404,
  when: "the tenant has no policy with this version",
};
