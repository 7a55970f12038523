import { Hono } from "hono";
import { slackInstallConfig } from "../../runtime/connections/config.ts";
import { exchangeSlackCode } from "../../runtime/connections/slack-oauth.ts";
import { consumeConnectState } from "../../runtime/connections/state.ts";
import { ProblemError } from "../api/problem.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { connectingAdmin } from "./admin.ts";
import { finishInstall } from "./finish-install.ts";
import { installedPage } from "./installed-page.ts";
import { installUrl } from "./start.ts";

const notConfigured = () => new ProblemError(404, "NOT_FOUND", "Slack installs are not configured on this deployment (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET).");

/**
 * Slack OAuth v2 ("Add to Slack"). `GET /connect/slack` (an admin's API key) redirects to Slack's consent
 * screen with a signed, single-use state naming tenant and admin; `GET /connect/slack/callback` exchanges the
 * code at `oauth.v2.access`, stores the team's bot token sealed and confirms the team as the tenant's binding.
 */
export function slackConnectRoutes() {
  const app = new Hono<{ Bindings: Env }>();

  app.get("/connect/slack", async (c) => {
    if (slackInstallConfig(c.env) === undefined) throw notConfigured();
    const db = database(c.env.DB);
    const now = new Date();
    const caller = await connectingAdmin(db, c.req.header("authorization"), now);
    return c.redirect(await installUrl(c.env, db, caller, "slack", now), 302);
  });

  app.get("/connect/slack/callback", async (c) => {
    const config = slackInstallConfig(c.env);
    if (config === undefined) throw notConfigured();
    const db = database(c.env.DB);
    const now = new Date();
    const check = await consumeConnectState(db, config.stateSecret, "slack", c.req.query("state"), now);
    if (!check.ok) throw new ProblemError(400, check.code, stateDetail[check.code], [{ path: "state", message: check.code }]);
    const denied = c.req.query("error");
    if (denied !== undefined) throw new ProblemError(400, "INSTALL_DECLINED", `Slack answered ${denied.slice(0, 100)}: nothing was installed.`);
    const code = c.req.query("code");
    if (code === undefined || code === "") throw new ProblemError(400, "CODE_MISSING", "The callback carries no code.", [{ path: "code", message: "required" }]);

    const install = await exchangeSlackCode(config, code, (input, init) => fetch(input, init));
    if (!install.ok) throw new ProblemError(502, "INSTALL_EXCHANGE_FAILED", install.reason);
    const details: Record<string, string> = { name: install.teamName, ...(install.botUserId === undefined ? {} : { botUserId: install.botUserId }) };
    await finishInstall(db, c.env.CREDENTIALS_KEY, { tenantId: check.tenantId, provider: "slack", externalId: install.teamId, credential: install.botToken, details, installedBy: check.principalId }, now);
    return c.html(installedPage(`Slack workspace ${install.teamName} (${install.teamId})`, check.tenantId));
  });

  return app;
}

export const stateDetail = {
  STATE_INVALID: "The install state is not one this deployment issued for this provider.",
  STATE_EXPIRED: "The install took too long; start it again.",
  STATE_USED: "This install link was used already; start it again.",
} as const;
