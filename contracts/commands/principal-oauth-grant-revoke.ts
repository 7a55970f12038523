import { z } from "zod";
import { principalNotFound } from "../common/group.ts";
import { PrincipalId } from "../common/ids.ts";
import { OAuthGrantId, oauthGrantNotFound } from "../common/oauth-grant.ts";
import { defineOperation } from "../define.ts";

export const PrincipalOAuthGrantRevokeInput = z.strictObject({ principalId: PrincipalId, grantId: OAuthGrantId });
export type PrincipalOAuthGrantRevokeInput = z.infer<typeof PrincipalOAuthGrantRevokeInput>;

export const PrincipalOAuthGrantRevokeOutput = z.strictObject({ grantId: OAuthGrantId, revoked: z.literal(true) });
export type PrincipalOAuthGrantRevokeOutput = z.infer<typeof PrincipalOAuthGrantRevokeOutput>;

export const principalOAuthGrantRevoke = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.principal.oauthGrant.revoke",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "mcp", "oauth"],
    description: "Revoke an MCP client's OAuth grant: its access and refresh tokens stop working at once.",
    goal: "Cuts off an MCP client without touching the agent principal's other clients or API keys.",
    context:
      "The grant and every token issued from it are deleted; the next request with one of its tokens answers 401. " +
      "Executions it already started are not cancelled (cancel them with POST /v1/executions/{id}/cancel).",
  },
  input: PrincipalOAuthGrantRevokeInput,
  output: PrincipalOAuthGrantRevokeOutput,
  errors: [principalNotFound, oauthGrantNotFound],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/principals/{principalId}/oauth-grants/{grantId}/revoke" },
  emits: [],
});
