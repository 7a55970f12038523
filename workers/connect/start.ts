import { githubInstallConfig, slackInstallConfig, type ConnectEnv } from "../../runtime/connections/config.ts";
import { slackAuthorizeUrl } from "../../runtime/connections/slack-oauth.ts";
import { issueConnectState } from "../../runtime/connections/state.ts";
import type { Caller } from "../api/caller.ts";
import { ProblemError } from "../api/problem.ts";
import type { Db } from "../db.ts";
import { CONNECT_CAPABILITY } from "./admin.ts";

export type InstallProvider = "slack" | "github";

/** Which install flows this deployment has configured (the dashboard shows only those). */
export function configuredInstalls(env: ConnectEnv): InstallProvider[] {
  return [...(slackInstallConfig(env) === undefined ? [] : ["slack" as const]), ...(githubInstallConfig(env) === undefined ? [] : ["github" as const])];
}

/** The provider URL an admin is sent to, carrying a fresh signed single-use state bound to tenant and admin. */
export async function installUrl(env: ConnectEnv, db: Db, caller: Caller, provider: InstallProvider, now: Date): Promise<string> {
  if (!caller.capabilities.has(CONNECT_CAPABILITY)) throw new ProblemError(403, "FORBIDDEN", `This key lacks the capability ${CONNECT_CAPABILITY}.`);
  const starter = { tenantId: caller.tenantId, principalId: caller.principalId, provider };
  if (provider === "slack") {
    const config = slackInstallConfig(env);
    if (config === undefined) throw new ProblemError(404, "NOT_FOUND", "Slack installs are not configured on this deployment (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET).");
    return slackAuthorizeUrl(config, await issueConnectState(db, config.stateSecret, starter, now));
  }
  const config = githubInstallConfig(env);
  if (config === undefined) throw new ProblemError(404, "NOT_FOUND", "GitHub App installs are not configured on this deployment (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALL_URL).");
  const to = new URL(config.installUrl);
  to.searchParams.set("state", await issueConnectState(db, config.stateSecret, starter, now));
  return to.toString();
}
