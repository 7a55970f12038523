import { z } from "zod";
import { GrantView } from "./grant.ts";
import { KeyId, PrincipalId, Timestamp } from "./ids.ts";

export const OAuthGrantId = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/).describe("Identifier of an MCP client's OAuth grant");

/** An MCP client's OAuth login as an admin approved it; its tokens act as the agent principal with these grants. */
export const OAuthGrantView = z.strictObject({
  grantId: OAuthGrantId,
  clientId: z.string().describe("The OAuth client (dynamically registered by the MCP client)"),
  clientName: z.string().describe("The name the client registered with"),
  principalId: PrincipalId,
  grants: z.array(GrantView).describe("What the tokens may reach; empty: nothing"),
  approvedBy: z.strictObject({ keyId: KeyId, principalId: PrincipalId }),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable().describe("When the grant (and its refresh token) lapses; null: never"),
});
export type OAuthGrantView = z.infer<typeof OAuthGrantView>;

export const oauthGrantNotFound = {
  code: "OAUTH_GRANT_NOT_FOUND",
  status: 404,
  when: "the principal has no OAuth grant with this id",
} as const;
