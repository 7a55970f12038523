import { z } from "zod";
import { principalNotFound } from "../common/group.ts";
import { PrincipalId } from "../common/ids.ts";
import { OAuthGrantView } from "../common/oauth-grant.ts";
import { defineOperation } from "../define.ts";

export const PrincipalOAuthGrantListInput = z.strictObject({ principalId: PrincipalId });
export type PrincipalOAuthGrantListInput = z.infer<typeof PrincipalOAuthGrantListInput>;

export const PrincipalOAuthGrantListOutput = z.strictObject({ items: z.array(OAuthGrantView) });
export type PrincipalOAuthGrantListOutput = z.infer<typeof PrincipalOAuthGrantListOutput>;

export const principalOAuthGrantList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.principal.oauthGrant.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "mcp", "oauth"],
    description: "List the OAuth grants of an agent principal: the MCP clients whose tokens act as it.",
    goal: "Shows an admin which MCP clients hold tokens for an agent, with what reach, approved by whom, so any can be revoked.",
    context:
      "An admin creates a grant by approving an MCP client's OAuth login at /oauth/authorize; its access and refresh " +
      "tokens act as the principal with the grants chosen there. Only the caller's own tenant is listed.",
  },
  input: PrincipalOAuthGrantListInput,
  output: PrincipalOAuthGrantListOutput,
  errors: [principalNotFound],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/principals/{principalId}/oauth-grants" },
  emits: [],
});
