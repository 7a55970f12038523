import { confirmBinding } from "../support/confirm-binding.ts";

/** API calls the browser scenario needs to set the stage: a tenant, a requester, two approvers, one intent. */
export interface Stage {
  admin: string;
  requester: string;
  approvers: [string, string];
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The Slack team the stage's intents answer in; confirmed for the tenant, since API replies go only to confirmed bindings. */
const TEAM = "T0THREAD";

export async function setStage(base: string, bootstrapToken: string, slackSigningSecret: string): Promise<Stage> {
  const { key: admin } = await api<{ key: string }>(base, bootstrapToken, "POST", "/v1/bootstrap", { tenantId: "browser" });
  await confirmBinding((path, init) => fetch(`${base}${path}`, init), admin, { provider: "slack", externalId: TEAM }, { SLACK_SIGNING_SECRET: slackSigningSecret });
  const newKey = (name: string, capabilities: string[]) => api<{ key: string; principalId: string }>(base, admin, "POST", "/v1/keys", { name, capabilities });
  const requester = await newKey("requester", ["control-plane.core"]);
  const approvers: [string, string] = ["", ""];
  for (const i of [0, 1] as const) {
    const person = await newKey(`approver-${i + 1}`, ["control-plane.approval", "control-plane.core", "control-plane.audit"]);
    await api(base, admin, "POST", "/v1/groups/approvers/members", { principalId: person.principalId });
    approvers[i] = person.key;
  }
  return { admin, requester: requester.key, approvers };
}

export async function submit(base: string, key: string, text: string): Promise<{ executionId: string }> {
  return api(base, key, "POST", "/v1/intents", { channel: "slack", replyTo: { kind: "slack", teamId: TEAM, channelId: "C1" }, text });
}

/** Polls the API until the execution reaches `status`; a running Worker keeps its own clock. */
export async function waitForStatus(base: string, key: string, executionId: string, status: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = "unknown";
  while (Date.now() < deadline) {
    seen = (await api<{ status: string }>(base, key, "GET", `/v1/executions/${executionId}`)).status;
    if (seen === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`execution ${executionId} is ${seen}, not ${status}, after ${timeoutMs} ms`);
}
