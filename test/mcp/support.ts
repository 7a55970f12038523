import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { type Admin, bootstrap, call, createKey } from "../support/api.ts";

export const MCP_URL = new URL("http://cp.test/mcp");

/** Every request of the SDK's client transport goes to the Worker under test. */
export const workerFetch = (url: string | URL, init?: RequestInit) => exports.default.fetch(url, init);

export function clientTransport(key: string | undefined, sessionId?: string) {
  return new StreamableHTTPClientTransport(MCP_URL, {
    fetch: workerFetch,
    ...(key === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${key}` } } }),
    ...(sessionId === undefined ? {} : { sessionId }),
  });
}

/** An official SDK client connected over Streamable HTTP with an API key as its Bearer token. */
export async function connect(key: string | undefined): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  // Ajv (the default) compiles schemas with `new Function`, which workerd forbids.
  const client = new Client({ name: "control-plane-test", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  const transport = clientTransport(key);
  await client.connect(transport);
  return { client, transport };
}

/** Comments are low risk under this policy (an override with its reason); WhatsApp is denied; the rest needs approvers. */
export const mcpPolicy = {
  schema: "control-plane.policy/1",
  name: "mcp-agents",
  rules: [
    { id: "comments-low", match: { tools: ["github.issue.comment"] }, effect: "allow", tier: "low", override: { reason: "agents may comment on issues on their own" } },
    { id: "no-whatsapp", match: { tools: ["whatsapp.message.send"] }, effect: "deny" },
    { id: "medium-one", match: { tools: ["github.issue.label", "slack.message.post"] }, effect: "require_approval", approval: { group: "approvers", quorum: 1, excludeRequester: false } },
    { id: "high-two", match: { risks: ["high"] }, effect: "require_approval", approval: { group: "approvers", quorum: 2, excludeRequester: true } },
  ],
};

export async function activate(admin: Admin, document: unknown = mcpPolicy): Promise<void> {
  const published = await call("POST", "/v1/policies", { key: admin.key, body: { document } });
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${await published.text()}`);
  const { version } = (await published.json()) as { version: string };
  const activated = await call("POST", `/v1/policies/${version}/activate`, { key: admin.key, body: { reason: "agents over MCP" } });
  if (activated.status !== 200) throw new Error(`activate: ${activated.status} ${await activated.text()}`);
}

export const EXECUTION_META = "dev.control-plane/executionId";

/** The trace of an MCP execution verifies, carries the MCP session on every event, and replays consistently. */
export async function expectVerifiedAndReplayable(admin: Admin, executionId: string, session: string | undefined): Promise<void> {
  const view = (await (await call("GET", `/v1/executions/${executionId}`, { key: admin.key })).json()) as { traceId: string; channel: string };
  expect(view.channel).toBe("mcp");
  const trace = (await (await call("GET", `/v1/traces/${view.traceId}`, { key: admin.key })).json()) as { events: { sessionId?: string }[]; chain: { valid: boolean } };
  expect(trace.chain.valid).toBe(true);
  expect(trace.events.length).toBeGreaterThan(2);
  expect(new Set(trace.events.map((e) => e.sessionId))).toEqual(new Set([session]));
  const replay = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key });
  expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
}

/** A tenant under `mcpPolicy`, an agent key holding control-plane.core, and an SDK client connected with it (tools listed, so results are checked against their output schemas). */
export async function agentSession(tenantId: string) {
  const admin = await bootstrap(tenantId);
  await activate(admin);
  const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
  const { client, transport } = await connect(agent.key);
  await client.listTools();
  return { admin, agent, client, session: transport.sessionId };
}
