import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { CredentialsKeyError } from "../credentials/keyring.ts";
import { CredentialOpenError } from "../credentials/seal.ts";
import { connections, type ConnectionProvider } from "../../schema/connections.ts";
import type { Db } from "../db.ts";
import type { ProviderConfig, ProviderUrls } from "../tools/config.ts";
import { openConnection as openStored, resealIfStale, type ConnectionRow } from "./store.ts";
import { providerPresent } from "./provider-presence.ts";
import { describeTarget, type ConnectionTarget } from "./target.ts";

/** Mints a GitHub App installation's access token (runtime/connections/github-app.ts); absent when no App is configured. */
export interface InstallationTokens {
  token(installationId: string): Promise<{ ok: true; token: string } | { ok: false; message: string }>;
}

export interface ResolveDeps {
  db: Db;
  credentialsKey: string | undefined;
  /** The deployment-wide configuration: base URLs, and the single-tenant fallback credentials when set. */
  base: ProviderConfig;
  urls: ProviderUrls;
  github?: InstallationTokens | undefined;
}

export type CredentialResolution = { ok: true; config: ProviderConfig } | { ok: false; code: "NOT_CONNECTED" | "NOT_CONFIGURED"; message: string };

/**
 * The provider configuration one step of `tenantId` may use: for each target the step declares, the tenant's own
 * active install of exactly that target, and nothing else (every provider section the step does not target is
 * dropped). A target the tenant has not installed fails NOT_CONNECTED before any call.
 *
 * Single-tenant fallback: the deployment-wide credential (SLACK_BOT_TOKEN, GITHUB_TOKEN, META_ACCESS_TOKEN,
 * TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN) is used for a provider only while no tenant of the deployment has any
 * active install of that provider. The first install of a provider turns the fallback off for every tenant, so a
 * multi-tenant deployment never acts for one tenant with a credential another could also use.
 *
 * The tenant's install is read per step, never cached across steps: revoking or replacing it takes effect for the
 * next step. Whether any tenant has one (the fallback's switch) is remembered per isolate for a few seconds
 * (provider-presence.ts).
 */
export async function resolveCredentials(deps: ResolveDeps, tenantId: string, targets: readonly ConnectionTarget[]): Promise<CredentialResolution> {
  const config: ProviderConfig = { ...deps.base };
  delete config.slack;
  delete config.github;
  delete config.meta;
  delete config.twilio;
  for (const target of targets) {
    const fallback = deps.base[target.provider];
    if (fallback !== undefined && !(await providerPresent(target.provider, Date.now(), () => anyActive(deps.db, target.provider)))) {
      Object.assign(config, { [target.provider]: fallback });
      continue;
    }
    const row = await installFor(deps.db, tenantId, target);
    if (row === undefined) return { ok: false, code: "NOT_CONNECTED", message: `${describeTarget(target)} is not connected to this tenant` };
    const section = await sectionOf(deps, row, target);
    if (!section.ok) return section;
    Object.assign(config, section.config);
  }
  return { ok: true, config };
}

type Section = { ok: true; config: Partial<ProviderConfig> } | { ok: false; code: "NOT_CONNECTED" | "NOT_CONFIGURED"; message: string };

async function sectionOf(deps: ResolveDeps, row: ConnectionRow, target: ConnectionTarget): Promise<Section> {
  const notConnected: Section = { ok: false, code: "NOT_CONNECTED", message: `${describeTarget(target)}: the install holds no credential` };
  try {
    return await sectionFrom(deps, row, notConnected);
  } catch (error) {
    // Never a thrown step: a missing key or a credential that does not open is an answer, without the secret.
    if (error instanceof CredentialsKeyError) return { ok: false, code: "NOT_CONFIGURED", message: `stored credentials cannot be opened: ${error.message}` };
    if (error instanceof CredentialOpenError) return { ok: false, code: "NOT_CONNECTED", message: `${describeTarget(target)}: ${error.message}` };
    throw error;
  }
}

const TwilioCredential = z.object({ accountSid: z.string().min(1), authToken: z.string().min(1) });

async function sectionFrom(deps: ResolveDeps, row: ConnectionRow, notConnected: Section): Promise<Section> {
  const openConnection = async (credentialsKey: string | undefined, opened: ConnectionRow) => {
    const plaintext = await openStored(credentialsKey, opened);
    if (plaintext !== undefined) await resealIfStale(deps.db, credentialsKey, opened, plaintext, new Date());
    return plaintext;
  };
  switch (row.provider) {
    case "slack": {
      const botToken = await openConnection(deps.credentialsKey, row);
      return botToken === undefined ? notConnected : { ok: true, config: { slack: { apiUrl: deps.urls.slack, botToken } } };
    }
    case "github": {
      if (deps.github === undefined) return { ok: false, code: "NOT_CONFIGURED", message: "GitHub App installs need GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY" };
      const minted = await deps.github.token(row.externalId);
      if (!minted.ok) return { ok: false, code: "NOT_CONNECTED", message: `GitHub installation ${row.externalId}: ${minted.message}` };
      return { ok: true, config: { github: { apiUrl: deps.urls.github, token: minted.token } } };
    }
    case "meta": {
      const accessToken = await openConnection(deps.credentialsKey, row);
      return accessToken === undefined ? notConnected : { ok: true, config: { meta: { ...deps.urls.meta, accessToken, phoneNumberId: row.externalId } } };
    }
    case "twilio": {
      const opened = await openConnection(deps.credentialsKey, row);
      const parsed = opened === undefined ? undefined : TwilioCredential.safeParse(JSON.parse(opened)).data;
      if (parsed === undefined) return notConnected;
      return { ok: true, config: { twilio: { apiUrl: deps.urls.twilio, accountSid: parsed.accountSid, authToken: parsed.authToken, whatsappFrom: `whatsapp:${row.externalId}` } } };
    }
  }
}

async function anyActive(db: Db, provider: ConnectionProvider): Promise<boolean> {
  const [row] = await db
    .select({ externalId: connections.externalId })
    .from(connections)
    .where(and(eq(connections.provider, provider), eq(connections.status, "active")))
    .limit(1);
  return row !== undefined;
}

/** The tenant's active install for the target; a target named by nothing resolves only when the tenant has exactly one. */
async function installFor(db: Db, tenantId: string, target: ConnectionTarget): Promise<ConnectionRow | undefined> {
  const own = and(eq(connections.tenantId, tenantId), eq(connections.provider, target.provider), eq(connections.status, "active"));
  const named = namedExternalId(target);
  if (named !== undefined) {
    const [row] = await db.select().from(connections).where(and(own, eq(connections.externalId, named))).limit(1);
    return row;
  }
  if (target.provider === "github") {
    // A GitHub App is installed at most once per account: the repository's owner names the installation.
    const [row] = await db
      .select()
      .from(connections)
      .where(and(own, sql`lower(json_extract(${connections.details}, '$.account')) = ${target.owner.toLowerCase()}`))
      .limit(1);
    return row;
  }
  const rows = await db.select().from(connections).where(own).limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

function namedExternalId(target: ConnectionTarget): string | undefined {
  switch (target.provider) {
    case "slack":
      return target.teamId;
    case "meta":
      return target.phoneNumberId;
    case "twilio":
      return target.from?.replace(/^whatsapp:/, "");
    case "github":
      return undefined;
  }
}
