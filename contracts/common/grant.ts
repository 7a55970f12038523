import { z } from "zod";
import { ChannelKind } from "../intent.ts";
import { ArgPredicate, ToolPattern } from "../policy/document.ts";
import { CapabilityKey } from "./ids.ts";

/**
 * One argument constraint of a narrowed grant: the policy document's declarative predicates (no code),
 * over the step's resolved input, for the tools named (every tool when `tools` is omitted). Every
 * predicate must hold; one whose argument is missing or of the wrong type does not (fails closed).
 */
export const GrantConstraint = z.strictObject({
  tools: z.array(ToolPattern).min(1).max(50).optional().describe("Tools the constraint applies to; every tool when omitted"),
  args: z.array(ArgPredicate).min(1).max(20).describe("Predicates over the step's input, all of which must hold"),
});
export type GrantConstraint = z.infer<typeof GrantConstraint>;

/** What a grant may be narrowed to; an omitted field does not narrow. */
export const GrantNarrowing = {
  tools: z
    .array(ToolPattern)
    .min(1)
    .max(100)
    .optional()
    .describe("Tools steps may run under this grant: exact keys, `prefix.*`, `prefix/*`; any tool when omitted"),
  channels: z
    .array(ChannelKind)
    .min(1)
    .optional()
    .describe("Channel kinds an intent may belong to or reply to under this grant; any channel when omitted"),
  constraints: z
    .array(GrantConstraint)
    .min(1)
    .max(20)
    .optional()
    .describe("Argument constraints every step must satisfy under this grant"),
};

/** A grant as a key is created with: a capability, alone or with narrowing. */
export const GrantRequest = z.union([
  CapabilityKey,
  z.strictObject({ capability: CapabilityKey, ...GrantNarrowing }),
]);
export type GrantRequest = z.infer<typeof GrantRequest>;

/** A grant as stored and shown: `null` means not narrowed in that dimension. */
export const GrantView = z.strictObject({
  capability: CapabilityKey,
  tools: z.array(ToolPattern).nullable(),
  channels: z.array(ChannelKind).nullable(),
  constraints: z.array(GrantConstraint).nullable(),
});
export type GrantView = z.infer<typeof GrantView>;

/**
 * The narrowing of the grant that authorized an intent, recorded with it and pinned by its execution, so
 * every step dispatch (and its replay) is checked against the same scope. Absent when the grant is not narrowed.
 */
export const GrantScope = GrantView;
export type GrantScope = GrantView;

export const grantScopeExceeded = {
  code: "GRANT_SCOPE_EXCEEDED",
  status: 403,
  when: "a step names a tool, a channel or arguments outside the narrowing of the caller's grant (errors[].path names the field)",
} as const;
