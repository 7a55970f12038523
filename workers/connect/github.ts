import { Hono } from "hono";
import { githubInstallConfig } from "../../runtime/connections/config.ts";
import { githubApp } from "../../runtime/connections/github-app.ts";
import { consumeConnectState, CONNECT_STATE_TTL_MS } from "../../runtime/connections/state.ts";
import { ProblemError } from "../api/problem.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { connectingAdmin } from "./admin.ts";
import { finishInstall } from "./finish-install.ts";
import { installedPage } from "./installed-page.ts";
import { installUrl } from "./start.ts";
import { stateDetail } from "./slack.ts";

const notConfigured = () => new ProblemError(404, "NOT_FOUND", "GitHub App installs are not configured on this deployment (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALL_URL).");

/** Clock drift allowed between GitHub's `created_at` and ours. */
const SKEW_MS = 60 * 1000;

/**
 * GitHub App install. `GET /connect/github` (an admin's API key) redirects to the App's install page with a
 * signed, single-use state; GitHub sends the admin back to the App's Setup URL, `GET /connect/github/callback`,
 * with `installation_id` and that state. The installation id in that URL is not signed by GitHub, so it is
 * accepted only for an installation the App's own JWT can read and that was created after the state was issued:
 * naming someone else's older installation connects nothing.
 */
export function githubConnectRoutes() {
  const app = new Hono<{ Bindings: Env }>();

  app.get("/connect/github", async (c) => {
    if (githubInstallConfig(c.env) === undefined) throw notConfigured();
    const db = database(c.env.DB);
    const now = new Date();
    const caller = await connectingAdmin(db, c.req.header("authorization"), now);
    return c.redirect(await installUrl(c.env, db, caller, "github", now), 302);
  });

  app.get("/connect/github/callback", async (c) => {
    const config = githubInstallConfig(c.env);
    if (config === undefined) throw notConfigured();
    const db = database(c.env.DB);
    const now = new Date();
    const check = await consumeConnectState(db, config.stateSecret, "github", c.req.query("state"), now);
    if (!check.ok) throw new ProblemError(400, check.code, stateDetail[check.code], [{ path: "state", message: check.code }]);
    const installationId = c.req.query("installation_id") ?? "";
    if (!/^\d{1,20}$/.test(installationId)) throw new ProblemError(400, "INSTALLATION_MISSING", "The callback carries no installation_id.", [{ path: "installation_id", message: "required" }]);

    const app = githubApp(config, { fetch: (input, init) => fetch(input, init), now: () => now.getTime() });
    const read = await app.installation(installationId);
    if (!read.ok) throw new ProblemError(502, "INSTALLATION_UNREADABLE", `Installation ${installationId} could not be read with the App's key: ${read.message}`);
    const { installation } = read;
    const created = Date.parse(installation.created_at);
    const issued = Date.parse(check.issuedAt);
    if (!(created >= issued - SKEW_MS && created <= issued + CONNECT_STATE_TTL_MS + SKEW_MS)) {
      throw new ProblemError(409, "INSTALLATION_NOT_NEW", "This installation was not created during this install flow; uninstall the App from the account and install it again from here.");
    }
    if (installation.suspended_at != null) throw new ProblemError(409, "INSTALLATION_SUSPENDED", "This installation is suspended.");
    const account = installation.account?.login;
    if (account === undefined) throw new ProblemError(502, "INSTALLATION_UNREADABLE", "The installation names no account.");
    const details = { account, ...(installation.account?.type === undefined ? {} : { accountType: installation.account.type }) };
    await finishInstall(db, c.env.CREDENTIALS_KEY, { tenantId: check.tenantId, provider: "github", externalId: installationId, credential: null, details, installedBy: check.principalId }, now, `installation:${installationId}`);
    return c.html(installedPage(`GitHub App installation ${installationId} on ${account}`, check.tenantId));
  });

  return app;
}
