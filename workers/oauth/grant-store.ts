import type { GrantSummary, OAuthHelpers } from "@cloudflare/workers-oauth-provider";
import { and, eq } from "drizzle-orm";
import type { OAuthGrantView } from "../../contracts/common/oauth-grant.ts";
import { principals } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../api/problem.ts";
import { oauthHelpers } from "./provider.ts";
import { grantUserId, OAuthGrantProps } from "./token-caller.ts";

const GRANT_PAGE = 100;

/** Listing and revoking grants reads the library's KV only; the resource origin in its options plays no part. */
export function grantStore(env: Env): Promise<OAuthHelpers> {
  return oauthHelpers(env, "http://127.0.0.1/");
}

export async function requirePrincipal(db: Db, tenantId: string, principalId: string): Promise<void> {
  const row = await db.query.principals.findFirst({ where: and(eq(principals.id, principalId), eq(principals.tenantId, tenantId)) });
  if (row === undefined) throw new ProblemError(404, "PRINCIPAL_NOT_FOUND", `No principal ${principalId} in this tenant.`);
}

export async function grantsOfPrincipal(helpers: OAuthHelpers, tenantId: string, principalId: string): Promise<GrantSummary[]> {
  const all: GrantSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await helpers.listUserGrants(grantUserId(tenantId, principalId), { limit: GRANT_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}

const seconds = (s: number) => new Date(s * 1000).toISOString();

/** A grant as shown: what was approved comes from its metadata (stored in clear, nothing secret in it). */
export function grantView(grant: GrantSummary): OAuthGrantView | undefined {
  const metadata: unknown = grant.metadata;
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const props = OAuthGrantProps.safeParse(pick(metadata, ["tenantId", "principalId", "grants", "approvedBy"]));
  if (!props.success) return undefined;
  const clientName = "clientName" in metadata && typeof metadata.clientName === "string" ? metadata.clientName : grant.clientId;
  return {
    grantId: grant.id,
    clientId: grant.clientId,
    clientName,
    principalId: props.data.principalId,
    grants: props.data.grants,
    approvedBy: props.data.approvedBy,
    createdAt: seconds(grant.createdAt),
    expiresAt: grant.expiresAt === undefined ? null : seconds(grant.expiresAt),
  };
}

function pick(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));
}
