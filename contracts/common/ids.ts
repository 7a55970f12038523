import { z } from "zod";

/**
 * Opaque identifiers. They appear in URL paths, so they never contain `/`, and they are
 * bounded so that a hostile caller cannot make us index megabytes of key.
 */
const opaqueId = (what: string) =>
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "letters, digits, `_`, `.`, `:` and `-` only")
    .describe(what);

export const TenantId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, `_` and `-`, starting with a letter or digit")
  .describe("Tenant identifier; every record belongs to exactly one tenant");
export const IntentId = opaqueId("Identifier of a recorded intent");
export const ExecutionId = opaqueId("Identifier of an execution");
export const TraceId = opaqueId("Identifier of a hash-chained trace");
export const SkillId = opaqueId("Identifier of an installed skill version");
export const KeyId = opaqueId("Identifier of an API key (not the key itself)");
export const PrincipalId = opaqueId("Identifier of a principal: a human or service that holds keys");

/** The step key a draft gave a step, e.g. `close_issue`. Mirrors DraftStep.key. */
export const StepKey = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/).describe("Step key from the draft");

/** Lower-case hex SHA-256, the digest every hash in the system uses. */
export const Digest = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits (SHA-256)");

export const Timestamp = z.iso.datetime().describe("RFC 3339 UTC timestamp, e.g. `2026-01-31T12:00:00Z`");

/** Capability keys look like `control-plane.core`. */
export const CapabilityKey = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, "expected a capability key such as `control-plane.core`");

/** Event and operation keys look like `controlPlane.execution.step.approval_requested`. */
export const ContractKey = z
  .string()
  .max(200)
  .regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9_]*)+$/, "expected a contract key such as `controlPlane.execution.get`");

/** Tool contract key: built-in `github.issue.close` or skill-provided `<publisher>/<skill>/<tool>`. */
export const ToolKey = z.string().min(1).max(200).describe("Tool contract key");
