import { z } from "zod";
import type { SlackInstallConfig } from "./config.ts";

/** Where `GET /connect/slack` sends the admin: Slack's consent screen for this app, carrying the signed state. */
export function slackAuthorizeUrl(config: SlackInstallConfig, state: string): string {
  const url = new URL(config.authorizeUrl);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("scope", config.scopes);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

const Access = z.object({
  ok: z.literal(true),
  access_token: z.string().min(1),
  token_type: z.literal("bot"),
  bot_user_id: z.string().optional(),
  app_id: z.string().optional(),
  team: z.object({ id: z.string().min(1), name: z.string().optional() }),
});
const Refused = z.object({ ok: z.literal(false), error: z.string() });

export type SlackInstall = { ok: true; botToken: string; teamId: string; teamName: string; botUserId?: string | undefined; appId?: string | undefined } | { ok: false; reason: string };

/** `oauth.v2.access`: the code Slack redirected back with, for the team's bot token. The token is never logged. */
export async function exchangeSlackCode(config: SlackInstallConfig, code: string, fetcher: typeof fetch): Promise<SlackInstall> {
  const body = new URLSearchParams({ code, redirect_uri: config.redirectUri, client_id: config.clientId, client_secret: config.clientSecret });
  let answer: unknown;
  try {
    const response = await fetcher(`${config.apiUrl.replace(/\/+$/, "")}/oauth.v2.access`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    answer = await response.json();
  } catch (error) {
    return { ok: false, reason: `oauth.v2.access unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  const refused = Refused.safeParse(answer);
  if (refused.success) return { ok: false, reason: `oauth.v2.access: ${refused.data.error}` };
  const access = Access.safeParse(answer);
  if (!access.success) return { ok: false, reason: "oauth.v2.access answered no bot token" };
  const { data } = access;
  return { ok: true, botToken: data.access_token, teamId: data.team.id, teamName: data.team.name ?? data.team.id, botUserId: data.bot_user_id, appId: data.app_id };
}
