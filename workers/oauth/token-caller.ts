import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { GrantScope } from "../../contracts/common/grant.ts";
import { principals } from "../../schema/index.ts";
import type { Caller } from "../api/caller.ts";
import type { Db } from "../db.ts";

/**
 * What the approving admin chose, stored (encrypted by the library) with the OAuth grant and every token
 * issued from it: the tenant, the agent principal the tokens act as, and its capability grants. No grants:
 * the token reaches nothing (deny by default).
 */
export const OAuthGrantProps = z.strictObject({
  tenantId: z.string().min(1),
  principalId: z.string().min(1),
  grants: z.array(GrantScope).max(20),
  approvedBy: z.strictObject({ keyId: z.string().min(1), principalId: z.string().min(1) }),
});
export type OAuthGrantProps = z.infer<typeof OAuthGrantProps>;

/** An OAuth token the library accepted on `/mcp`: its decrypted props and the token itself. */
export interface PresentedToken {
  props: unknown;
  token: string;
}

/** Set by the provider's API handler for the request it serves; keyed by that request's execution context. */
const presented = new WeakMap<object, PresentedToken>();

export function rememberPresented(ctx: object, token: PresentedToken): void {
  presented.set(ctx, token);
}

export function presentedToken(ctx: object | undefined): PresentedToken | undefined {
  return ctx === undefined ? undefined : presented.get(ctx);
}

/** Library tokens read `<userId>:<grantId>:<secret>`; the grant id names the credential in intents and sessions. */
export function grantIdOf(token: string): string | undefined {
  const parts = token.split(":");
  return parts.length === 3 && /^[A-Za-z0-9_-]+$/.test(parts[1] ?? "") ? parts[1] : undefined;
}

/** The user id of a grant: the library lists and revokes grants per user, and forbids `:` in it. */
export function grantUserId(tenantId: string, principalId: string): string {
  return encodeURIComponent(`${tenantId}:${principalId}`);
}

/** The credential id an OAuth grant stands under, where an API key's id would be (submittedBy, MCP sessions). */
export function oauthCredentialId(grantId: string): string {
  return `oauth:${grantId}`;
}

/**
 * An OAuth token as a `Caller`, exactly like an API key: tenant, agent principal, grants. The principal must
 * still exist as an agent of that tenant; anything unreadable answers undefined (401).
 */
export async function oauthCaller(db: Db, token: PresentedToken): Promise<Caller | undefined> {
  const props = OAuthGrantProps.safeParse(token.props);
  const grantId = grantIdOf(token.token);
  if (!props.success || grantId === undefined) return undefined;
  const principal = await db.query.principals.findFirst({
    where: and(eq(principals.id, props.data.principalId), eq(principals.tenantId, props.data.tenantId)),
  });
  if (principal?.type !== "agent") return undefined;
  const grants = new Map(props.data.grants.map((g) => [g.capability, g]));
  return {
    tenantId: props.data.tenantId,
    principalId: props.data.principalId,
    principalType: "agent",
    keyId: oauthCredentialId(grantId),
    capabilities: new Set(grants.keys()),
    grants,
  };
}
