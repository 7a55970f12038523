import { digestOf } from "../hash.ts";
import type { PinnedPolicy } from "./decide.ts";
import { POLICY_SCHEMA, PolicyDocument } from "../../contracts/policy/document.ts";

/**
 * The policy a tenant has until it activates one of its own (docs/governance.md): low risk runs
 * autonomously, medium needs one approval from `approvers`, high needs two that exclude the
 * requester, and anything else (unknown tools, unmatched steps) is denied.
 */
export const DEFAULT_POLICY_DOCUMENT: PolicyDocument = PolicyDocument.parse({
  schema: POLICY_SCHEMA,
  name: "control-plane/default",
  description: "Defaults for a fresh tenant: low autonomous, medium one approval, high two approvals excluding the requester.",
  rules: [
    { id: "low-autonomous", match: { risks: ["low"] }, effect: "allow" },
    {
      id: "medium-one-approval",
      match: { risks: ["medium"] },
      effect: "require_approval",
      approval: { group: "approvers", quorum: 1, excludeRequester: false },
    },
    {
      id: "high-two-approvals",
      match: { risks: ["high"] },
      effect: "require_approval",
      approval: { group: "approvers", quorum: 2, excludeRequester: true },
    },
  ],
});

export const DEFAULT_POLICY_VERSION = "default-1";

export const DEFAULT_POLICY: PinnedPolicy = {
  ref: { version: DEFAULT_POLICY_VERSION, hash: digestOf(DEFAULT_POLICY_DOCUMENT) },
  document: DEFAULT_POLICY_DOCUMENT,
};
