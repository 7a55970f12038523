import { toolRegistry } from "../../contracts/tools/index.ts";
import { digestOf } from "../../engine/hash.ts";
import type { PinnedPolicy } from "../../engine/policy/decide.ts";
import { PolicyDocument, type PolicyDocumentInput } from "../../contracts/policy/document.ts";
import { policyTool } from "../../engine/policy/decider.ts";
import type { PolicyRequest } from "../../engine/policy/request.ts";

export function pinned(input: PolicyDocumentInput, version = "t-1"): PinnedPolicy {
  const document = PolicyDocument.parse(input);
  return { ref: { version, hash: digestOf(document) }, document };
}

export function requestFor(toolKey: string, extra: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    tenantId: "acme",
    toolKey,
    tool: policyTool(toolRegistry.latest(toolKey)),
    input: {},
    actor: { type: "human", id: "pr_alice", roles: [] },
    channel: "slack",
    at: "2026-11-25T10:00:00.000Z",
    ...extra,
  };
}
