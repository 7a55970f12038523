import { randomBytes } from "node:crypto";
import { confirmBinding } from "../../support/confirm-binding.ts";
import { bootstrapToken, cplane, serverUrl, slackSigningSecret } from "./cli.ts";

export interface Tenant {
  tenantId: string;
  key: string;
  /** Environment for `cplane` calls as this tenant's admin. */
  env: Record<string, string>;
}

/** A fresh tenant bootstrapped through `cplane bootstrap --json`, so each test file has its own data. */
export async function newTenant(prefix: string): Promise<Tenant> {
  const tenantId = `${prefix}-${randomBytes(4).toString("hex")}`;
  const result = await cplane(["bootstrap", "--tenant", tenantId, "--json"], { CPLANE_URL: serverUrl, CPLANE_BOOTSTRAP_TOKEN: bootstrapToken });
  if (result.code !== 0) throw new Error(`bootstrap failed: ${result.stderr}`);
  const { key } = JSON.parse(result.stdout) as { key: string };
  return { tenantId, key, env: { CPLANE_URL: serverUrl, CPLANE_KEY: key } };
}

export interface Submitted {
  executionId: string;
  traceId: string;
}

/** Sends to the local Worker, as the providers and operators do. */
export const send = (path: string, init: RequestInit) => fetch(`${serverUrl}${path}`, init);

/** The Slack team each test tenant answers in: one per tenant, since a team belongs to one tenant. */
export const teamOf = (tenant: Tenant) => `T0${tenant.tenantId.replace(/[^a-z0-9]/gi, "").toUpperCase().slice(-12)}`;

const bound = new Set<string>();

/** Confirms the tenant's Slack team the real way (a signed `/cp bind <code>`), once: API replies go only to confirmed bindings. */
export async function bindTeam(tenant: Tenant): Promise<string> {
  const teamId = teamOf(tenant);
  if (!bound.has(tenant.tenantId)) {
    await confirmBinding(send, tenant.key, { provider: "slack", externalId: teamId }, { SLACK_SIGNING_SECRET: slackSigningSecret });
    bound.add(tenant.tenantId);
  }
  return teamId;
}

/** Submits command text as an intent through the API, replying to a Slack thread the stand-in answers for. */
export async function submit(tenant: Tenant, text: string): Promise<Submitted> {
  const teamId = await bindTeam(tenant);
  const res = await fetch(`${serverUrl}/v1/intents`, {
    method: "POST",
    headers: { authorization: `Bearer ${tenant.key}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "slack", replyTo: { kind: "slack", teamId, channelId: "C1" }, text }),
  });
  if (!res.ok) throw new Error(`submit failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Submitted;
}

/**
 * Waits for the running Worker (queue handoff, Durable Object alarms) to bring an execution to one of
 * `statuses`. A real server runs on its own clock, so this polls, with a deadline instead of a sleep.
 */
export async function waitForStatus(tenant: Tenant, executionId: string, statuses: readonly string[], timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "unknown";
  while (Date.now() < deadline) {
    const res = await fetch(`${serverUrl}/v1/executions/${executionId}`, { headers: { authorization: `Bearer ${tenant.key}` } });
    if (res.ok) {
      status = ((await res.json()) as { status: string }).status;
      if (statuses.includes(status)) return status;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`execution ${executionId} is ${status}, not ${statuses.join("/")}, after ${timeoutMs} ms`);
}
