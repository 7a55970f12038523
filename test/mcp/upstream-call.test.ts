import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { digestOf } from "../../engine/hash.ts";
import { approve, approver } from "../governance/support.ts";
import { bootstrap, call, createKey } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { activate, connect, EXECUTION_META, expectVerifiedAndReplayable } from "./support.ts";
import { publisherKey, registeredTenant, setVariant, UPSTREAM_TOKEN, upstreamPolicy } from "./upstream-support.ts";

interface View {
  status: string;
  traceId: string;
  steps: { stepId: string; state: string; tier?: string; output?: unknown; error?: { code: string; message: string } | null }[];
}

async function upstreamCalls(scenario: string) {
  return (await standin.requests()).filter((r) => r.host === "mcp.standin" && r.path === `/${scenario}/mcp` && r.body.includes('"tools/call"'));
}

async function runStructured(admin: { key: string; tenantId: string }, tool: string, input: Record<string, unknown>) {
  const submitted = await submit(admin.key, { channel: "api", replyTo: { kind: "none" }, steps: [{ key: "up", tool, input }] });
  await deliverHandoff(submitted, admin.tenantId);
  await runAlarms(submitted.executionId);
  const view = (await (await call("GET", `/v1/executions/${submitted.executionId}`, { key: admin.key })).json()) as View;
  return { submitted, view };
}

async function tenant(tenantId: string, scenario: string) {
  const admin = await bootstrap(tenantId);
  // Publishing a rule that names an unregistered tool is refused (it may be high risk): register first.
  await registeredTenant(admin, scenario);
  await activate(admin, upstreamPolicy);
  return admin;
}

describe("upstream MCP tools: governed calls", () => {
  beforeEach(async () => standin.reset());

  it("a structured intent calls the upstream tool through the executor, with the credential, a verified trace and a consistent replay", async () => {
    const admin = await tenant("up-call-intent", "call-intent");
    const { submitted, view } = await runStructured(admin, "mcp.records.lookup", { query: "invoice 42" });
    expect(view.status).toBe("succeeded");
    expect(view.steps[0]).toMatchObject({ state: "succeeded", tool: { key: "mcp.records.lookup", version: "1.0.0" }, verdict: { verdict: "autonomous", tier: "low" } });

    const calls = await upstreamCalls("call-intent");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${UPSTREAM_TOKEN}`);
    expect(JSON.parse(calls[0]?.body ?? "{}")).toMatchObject({ method: "tools/call", params: { name: "lookup", arguments: { query: "invoice 42" } } });

    const trace = (await (await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true&limit=200`, { key: admin.key })).json()) as {
      chain: { valid: boolean };
      events: { type: string; payload?: unknown }[];
    };
    expect(trace.chain.valid).toBe(true);
    // The step's recorded output is what the upstream answered.
    const expected = { content: [{ type: "text", text: "found invoice 42" }], structuredContent: { answer: "found invoice 42", variant: "original" } };
    const completed = trace.events.find((e) => e.type === "controlPlane.execution.step.completed");
    expect(completed?.payload).toMatchObject({ outputDigest: digestOf(expected) });
    expect(JSON.stringify(trace)).not.toContain(UPSTREAM_TOKEN);

    await standin.reset();
    const replay = await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key });
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
    expect(await upstreamCalls("call-intent")).toEqual([]);
  });

  it("a tool the publisher gave no tier is high: it waits for approvers and nothing reaches the upstream", async () => {
    const admin = await tenant("up-call-high", "call-high");
    const { view } = await runStructured(admin, "mcp.records.purge", { query: "*" });
    expect(view.status).toBe("waiting_approval");
    expect(await upstreamCalls("call-high")).toEqual([]);
  });

  it("an agent calls it through the control plane's own /mcp tools/call", async () => {
    const admin = await tenant("up-call-mcp", "call-mcp");
    const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const { client, transport } = await connect(agent.key);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("mcp_records_lookup");
    const result = (await client.callTool({ name: "mcp_records_lookup", arguments: { query: "ticket 7" } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain("found ticket 7");
    await expectVerifiedAndReplayable(admin, String(result._meta?.[EXECUTION_META]), transport.sessionId);
    await client.close();
  });

  it("another tenant cannot use the server's tools, and a removed server's tools stop before any call", async () => {
    const admin = await tenant("up-call-owner", "call-owner");
    const other = await bootstrap("up-call-other");
    const foreign = await submit(other.key, { channel: "api", replyTo: { kind: "none" }, steps: [{ key: "up", tool: "mcp.records.lookup", input: { query: "x" } }] });
    await deliverHandoff(foreign, other.tenantId);
    await runAlarms(foreign.executionId);
    const refused = (await (await call("GET", `/v1/executions/${foreign.executionId}`, { key: other.key })).json()) as View;
    expect(refused.status).toBe("rejected");

    // Planned while registered (the high-tier purge waits for two approvers), removed before it runs: refused from current state, nothing sent.
    const { submitted, view: waiting } = await runStructured(admin, "mcp.records.purge", { query: "*" });
    expect(waiting.status).toBe("waiting_approval");
    expect((await call("DELETE", "/v1/mcp-servers/records", { key: admin.key })).status).toBe(200);
    const [ann, bob] = [await approver(admin), await approver(admin)];
    const stepId = waiting.steps[0]?.stepId ?? "";
    expect((await approve(ann.key, submitted.executionId, stepId)).status).toBe(200);
    expect((await approve(bob.key, submitted.executionId, stepId)).status).toBe(200);
    await runAlarms(submitted.executionId);
    const view = (await (await call("GET", `/v1/executions/${submitted.executionId}`, { key: admin.key })).json()) as View;
    expect(view.status).toBe("failed");
    expect(JSON.stringify(view.steps)).toContain("UPSTREAM_NOT_REGISTERED");
    expect(await upstreamCalls("call-owner")).toEqual([]);
  });

  it("revoking the publisher key stops the next call of a planned step, before anything reaches the upstream", async () => {
    const admin = await tenant("up-call-revoked", "call-revoked");
    const { submitted, view: waiting } = await runStructured(admin, "mcp.records.purge", { query: "*" });
    expect(waiting.status).toBe("waiting_approval");
    const key = await publisherKey();
    expect((await call("POST", `/v1/trusted-keys/${key.keyId}/revoke`, { key: admin.key, body: { reason: "leaked" } })).status).toBe(200);
    const [ann, bob] = [await approver(admin), await approver(admin)];
    const stepId = waiting.steps[0]?.stepId ?? "";
    expect((await approve(ann.key, submitted.executionId, stepId)).status).toBe(200);
    expect((await approve(bob.key, submitted.executionId, stepId)).status).toBe(200);
    await standin.reset();
    await runAlarms(submitted.executionId);
    const view = (await (await call("GET", `/v1/executions/${submitted.executionId}`, { key: admin.key })).json()) as View;
    expect(view.status).toBe("failed");
    expect(JSON.stringify(view.steps)).toContain("UPSTREAM_MANIFEST_UNTRUSTED");
    expect(JSON.stringify(view.steps)).toContain("KEY_REVOKED");
    expect((await standin.requests()).filter((r) => r.host === "mcp.standin")).toEqual([]);
  });

  for (const variant of ["description-changed", "schema-changed"] as const) {
    it(`after the upstream's ${variant.replace("-", " ")}, the call is refused TOOL_DEFINITION_CHANGED, nothing is sent to the tool, and a drift alert is recorded`, async () => {
      const scenario = `call-${variant}`;
      const admin = await tenant(`up-${variant}`, scenario);
      expect((await runStructured(admin, "mcp.records.lookup", { query: "before" })).view.status).toBe("succeeded");

      await setVariant(scenario, variant);
      await standin.reset();
      const { submitted, view } = await runStructured(admin, "mcp.records.lookup", { query: "after" });
      expect(view.status).toBe("failed");
      expect(JSON.stringify(view.steps)).toContain("TOOL_DEFINITION_CHANGED");
      expect(await upstreamCalls(scenario)).toEqual([]);

      const trace = (await (await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true&limit=200`, { key: admin.key })).json()) as {
        chain: { valid: boolean };
        events: { type: string; payload?: unknown }[];
      };
      expect(trace.chain.valid).toBe(true);
      const failed = trace.events.find((e) => e.type === "controlPlane.execution.step.failed");
      expect(JSON.stringify(failed)).toContain("TOOL_DEFINITION_CHANGED");

      const alerts = await env.DB.prepare("SELECT kind, execution_id, detail FROM drift_alerts WHERE tenant_id = ?").bind(admin.tenantId).all<{ kind: string; execution_id: string; detail: string }>();
      expect(alerts.results).toEqual([expect.objectContaining({ kind: "tool_definition_changed", execution_id: submitted.executionId })]);
      expect(alerts.results[0]?.detail).not.toContain(UPSTREAM_TOKEN);

      const replay = await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key });
      expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
    });
  }
});
