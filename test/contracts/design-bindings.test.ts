import { expect, it } from "vitest";
import { registry } from "../../contracts/index.ts";

/** The operator API table of DESIGN.md plus the admin contracts: the interface outside checks rely on. */
const published: Record<string, [string, string, string]> = {
  "controlPlane.intent.submit": ["POST", "/v1/intents", "control-plane.core"],
  "controlPlane.plan.compile": ["POST", "/v1/plans/compile", "control-plane.core"],
  "controlPlane.plan.verify": ["POST", "/v1/plans/verify", "control-plane.core"],
  "controlPlane.execution.start": ["POST", "/v1/executions", "control-plane.core"],
  "controlPlane.execution.approve": ["POST", "/v1/executions/{executionId}/approve", "control-plane.approval"],
  "controlPlane.execution.reject": ["POST", "/v1/executions/{executionId}/reject", "control-plane.approval"],
  "controlPlane.execution.cancel": ["POST", "/v1/executions/{executionId}/cancel", "control-plane.core"],
  "controlPlane.execution.confirm": ["POST", "/v1/executions/{executionId}/confirm", "control-plane.core"],
  "controlPlane.execution.replay": ["POST", "/v1/executions/{executionId}/replay", "control-plane.audit"],
  "controlPlane.execution.get": ["GET", "/v1/executions/{executionId}", "control-plane.core"],
  "controlPlane.execution.list": ["GET", "/v1/executions", "control-plane.core"],
  "controlPlane.trace.get": ["GET", "/v1/traces/{traceId}", "control-plane.audit"],
  "controlPlane.policy.explain": ["POST", "/v1/policy/explain", "control-plane.audit"],
  "controlPlane.policy.publish": ["POST", "/v1/policies", "control-plane.admin"],
  "controlPlane.policy.activate": ["POST", "/v1/policies/{version}/activate", "control-plane.admin"],
  "controlPlane.policy.get": ["GET", "/v1/policies/{version}", "control-plane.audit"],
  "controlPlane.policy.list": ["GET", "/v1/policies", "control-plane.audit"],
  "controlPlane.group.member.add": ["POST", "/v1/groups/{group}/members", "control-plane.admin"],
  "controlPlane.group.member.remove": ["DELETE", "/v1/groups/{group}/members/{principalId}", "control-plane.admin"],
  "controlPlane.approval.list": ["GET", "/v1/approvals", "control-plane.approval"],
  "controlPlane.approval.decideBulk": ["POST", "/v1/approvals/decisions", "control-plane.approval"],
  "controlPlane.skill.install": ["POST", "/v1/skills", "control-plane.skill-registry"],
  "controlPlane.skill.disable": ["POST", "/v1/skills/{skillId}/disable", "control-plane.skill-registry"],
  "controlPlane.skill.list": ["GET", "/v1/skills", "control-plane.skill-registry"],
  "controlPlane.skill.verify": ["POST", "/v1/skills/verify", "control-plane.skill-registry"],
  "controlPlane.trustedKey.add": ["POST", "/v1/trusted-keys", "control-plane.skill-registry"],
  "controlPlane.trustedKey.list": ["GET", "/v1/trusted-keys", "control-plane.skill-registry"],
  "controlPlane.trustedKey.revoke": ["POST", "/v1/trusted-keys/{keyId}/revoke", "control-plane.skill-registry"],
  "controlPlane.skillVersion.revoke": ["POST", "/v1/skill-revocations", "control-plane.skill-registry"],
  "controlPlane.tenant.bootstrap": ["POST", "/v1/bootstrap", "control-plane.admin"],
  "controlPlane.apiKey.create": ["POST", "/v1/keys", "control-plane.admin"],
  "controlPlane.apiKey.revoke": ["POST", "/v1/keys/{keyId}/revoke", "control-plane.admin"],
  "controlPlane.apiKey.list": ["GET", "/v1/keys", "control-plane.admin"],
  "controlPlane.channelBinding.create": ["POST", "/v1/channel-bindings", "control-plane.admin"],
  "controlPlane.channelBinding.list": ["GET", "/v1/channel-bindings", "control-plane.admin"],
  "controlPlane.channelBinding.delete": ["DELETE", "/v1/channel-bindings/{provider}/{externalId}", "control-plane.admin"],
  "controlPlane.principal.identity.link": ["POST", "/v1/principals/{principalId}/identities", "control-plane.admin"],
  "controlPlane.principal.identity.unlink": ["DELETE", "/v1/principals/{principalId}/identities/{identity}", "control-plane.admin"],
  "controlPlane.principal.identity.list": ["GET", "/v1/principals/{principalId}/identities", "control-plane.admin"],
  "controlPlane.mcpServer.register": ["POST", "/v1/mcp-servers", "control-plane.admin"],
  "controlPlane.mcpServer.list": ["GET", "/v1/mcp-servers", "control-plane.admin"],
  "controlPlane.mcpServer.remove": ["DELETE", "/v1/mcp-servers/{name}", "control-plane.admin"],
  "controlPlane.connection.list": ["GET", "/v1/connections", "control-plane.admin"],
  "controlPlane.connection.remove": ["DELETE", "/v1/connections/{provider}/{externalId}", "control-plane.admin"],
  "controlPlane.connection.whatsapp.register": ["POST", "/v1/connections/whatsapp", "control-plane.admin"],
  "controlPlane.principal.list": ["GET", "/v1/principals", "control-plane.admin"],
  "controlPlane.principal.oauthGrant.list": ["GET", "/v1/principals/{principalId}/oauth-grants", "control-plane.admin"],
  "controlPlane.principal.oauthGrant.revoke": ["POST", "/v1/principals/{principalId}/oauth-grants/{grantId}/revoke", "control-plane.admin"],
};

it("serves exactly the published operations at their published bindings and capabilities", () => {
  const actual = Object.fromEntries(
    registry.operations().map((op) => [op.meta.key, [op.http.method, op.http.path, op.capability]]),
  );
  expect(actual).toEqual(published);
});

it("authenticates only bootstrap by the bootstrap token", () => {
  const byToken = registry.operations().filter((op) => op.auth === "bootstrap-token").map((op) => op.meta.key);
  expect(byToken).toEqual(["controlPlane.tenant.bootstrap"]);
});
