import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { approve, approver } from "../governance/support.ts";
import { bootstrap, call, createKey } from "../support/api.ts";
import { runAlarms } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { activate, agentSession, clientTransport, connect, EXECUTION_META, expectVerifiedAndReplayable } from "./support.ts";

const text = (result: CallToolResult) => result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
const executionOf = (result: CallToolResult) => String(result._meta?.[EXECUTION_META]);

async function comments() {
  return (await standin.requests()).filter((r) => r.path.endsWith("/comments"));
}

describe("MCP tools/call", () => {
  beforeEach(async () => standin.reset());

  it("a low-risk call runs at once and answers the tool's output as structured content, with progress", async () => {
    const { admin, agent, client, session } = await agentSession("mcp-call-low");
    const progress: unknown[] = [];
    const result = (await client.callTool(
      { name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 7, body: "Looked into it." } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    )) as CallToolResult;

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ commentId: expect.any(Number), url: expect.stringContaining("acme/app/issues/7") });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
    expect(progress.length).toBeGreaterThan(0);
    const posted = await comments();
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]?.body ?? "{}")).toEqual({ body: "Looked into it." });

    const executionId = executionOf(result);
    const view = (await (await call("GET", `/v1/executions/${executionId}`, { key: admin.key })).json()) as { actor: unknown; status: string };
    expect(view).toMatchObject({ status: "succeeded", actor: { type: "agent", id: agent.principalId } });
    await expectVerifiedAndReplayable(admin, executionId, session);
    await client.close();
  });

  it("a high-risk call answers at once that it waits for approval; after two approvals the status tool says succeeded", async () => {
    const { admin, client, session } = await agentSession("mcp-call-high");
    const pending = (await client.callTool({ name: "github_issue_close", arguments: { owner: "acme", repo: "app", number: 9 } })) as CallToolResult;

    expect(pending.isError).toBeFalsy();
    const executionId = executionOf(pending);
    expect(pending.structuredContent).toMatchObject({
      controlPlane: {
        executionId,
        status: "waiting_approval",
        pendingApprovals: [{ step: "call", tool: "github.issue.close@1.0.0", askedGroups: ["approvers"], quorum: 2, approvals: 0, requesterExcluded: true }],
        check: { tool: "controlPlane_execution_status", arguments: { executionId } },
      },
    });
    expect(text(pending)).toMatch(/Approval required/);
    expect((await standin.requests()).filter((r) => r.method === "PATCH")).toHaveLength(0);

    const listed = (await (await call("GET", "/v1/approvals", { key: admin.key })).json()) as { items: { executionId: string; stepId: string }[] };
    const item = listed.items.find((i) => i.executionId === executionId);
    if (item === undefined) throw new Error("the approval request is not listed to approvers");
    const [ann, bob] = [await approver(admin), await approver(admin)];
    expect((await approve(ann.key, executionId, item.stepId)).status).toBe(200);
    expect((await approve(bob.key, executionId, item.stepId)).status).toBe(200);
    await runAlarms(executionId);

    const status = (await client.callTool({ name: "controlPlane_execution_status", arguments: { executionId } })) as CallToolResult;
    expect(status.isError).toBeFalsy();
    expect(status.structuredContent).toMatchObject({
      controlPlane: { executionId, status: "succeeded", pendingApprovals: [] },
      steps: [{ key: "call", state: "succeeded", verdict: "approval_required" }],
      outputs: { call: { number: 9, state: "closed" } },
    });
    await expectVerifiedAndReplayable(admin, executionId, session);

    // Another agent of the tenant, or of another tenant, cannot read it through MCP.
    const colleague = await connect((await createKey(admin, ["control-plane.core"], { principalType: "agent" })).key);
    const stranger = await connect((await bootstrap("mcp-call-high-other")).key);
    for (const other of [colleague, stranger]) {
      const foreign = (await other.client.callTool({ name: "controlPlane_execution_status", arguments: { executionId } })) as CallToolResult;
      expect(foreign.isError).toBe(true);
      expect(text(foreign)).toMatch(/EXECUTION_NOT_FOUND/);
    }
    await Promise.all([client.close(), colleague.client.close(), stranger.client.close()]);
  });

  it("a denied tool answers isError with the policy's explanation, and nothing is sent", async () => {
    const { admin, client, session } = await agentSession("mcp-call-denied");
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("whatsapp_message_send");
    const denied = (await client.callTool({ name: "whatsapp_message_send", arguments: { to: "+15551234567", text: "hi" } })) as CallToolResult;

    expect(denied.isError).toBe(true);
    expect(text(denied)).toMatch(/POLICY_BLOCKED/);
    expect(text(denied)).toMatch(/Determining rules: no-whatsapp/);
    expect(denied._meta?.["dev.control-plane/policy"]).toMatchObject({ determiningRules: ["no-whatsapp"], basis: "explicit_rule", missingContext: [] });
    expect((await standin.requests()).filter((r) => r.path.includes("messages"))).toHaveLength(0);
    await expectVerifiedAndReplayable(admin, executionOf(denied), session);

    // Arguments the contract refuses: the plan is rejected with the verifier's reasons, nothing runs.
    const invalid = (await client.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 7 } })) as CallToolResult;
    expect(invalid.isError).toBe(true);
    expect(text(invalid)).toMatch(/The plan was rejected: .*body/);
    // Not offered over MCP, and no such tool: both unknown.
    for (const name of ["channel_reply", "no_such_tool"]) {
      const unknown = (await client.callTool({ name, arguments: {} })) as CallToolResult;
      expect(text(unknown)).toMatch(/^UNKNOWN_TOOL/);
    }
    expect(await comments()).toHaveLength(0);
    await client.close();
  });

  it("outside the key's grant: refused before anything is recorded", async () => {
    const admin = await bootstrap("mcp-call-grant");
    await activate(admin);
    const agent = await createKey(admin, [], { capabilities: [{ capability: "control-plane.core", tools: ["github.issue.comment"], channels: ["mcp"] }], principalType: "agent" });
    const { client } = await connect(agent.key);
    const refused = (await client.callTool({ name: "github_issue_close", arguments: { owner: "acme", repo: "app", number: 3 } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/GRANT_SCOPE_EXCEEDED/);
    const listed = (await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(0);
    await client.close();
  });

  it("the same request id in a session runs once; another call under that id is refused", async () => {
    const { admin, agent, client, session } = await agentSession("mcp-call-repeat");
    await client.close();

    // A raw SDK transport in the same session, so the JSON-RPC id can be chosen (the SDK client numbers its own).
    const raw = clientTransport(agent.key, session);
    const answers: { id: number; result?: CallToolResult }[] = [];
    raw.onmessage = (message) => {
      if ("id" in message && "result" in message) answers.push({ id: Number(message.id), result: message.result as CallToolResult });
    };
    await raw.start();
    raw.setProtocolVersion("2025-11-25");
    const request = { jsonrpc: "2.0" as const, id: 41, method: "tools/call", params: { name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 5, body: "once" } } };
    const answered = async (n: number) => vi.waitFor(() => expect(answers).toHaveLength(n), { timeout: 20_000 });
    // Answers arrive on each request's event stream after send() returns.
    await raw.send(request);
    await answered(1);
    await raw.send(request);
    await answered(2);
    await raw.send({ ...request, params: { ...request.params, arguments: { ...request.params.arguments, body: "twice?" } } });
    await answered(3);
    // Two copies of another id at the same time: one execution between them.
    const racing = { ...request, id: 42, params: { ...request.params, arguments: { ...request.params.arguments, number: 6, body: "raced" } } };
    await Promise.all([raw.send(racing), raw.send(racing)]);
    await answered(5);
    await raw.close();

    const [first, second, third, ...raced] = answers.map((a) => a.result);
    expect(raced.map((r) => r?.isError)).toEqual([undefined, undefined]);
    expect(new Set(raced.map((r) => r?._meta?.[EXECUTION_META])).size).toBe(1);
    expect(first?.isError).toBeFalsy();
    expect(second?.structuredContent).toEqual(first?.structuredContent);
    expect(second?._meta?.[EXECUTION_META]).toBe(first?._meta?.[EXECUTION_META]);
    expect(third?.isError).toBe(true);
    expect(third?.content).toEqual([expect.objectContaining({ text: expect.stringMatching(/IDEMPOTENCY_KEY_REUSED/) })]);
    expect((await comments()).map((r) => JSON.parse(r.body) as unknown)).toEqual([{ body: "once" }, { body: "raced" }]);
    const listed = (await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(2);
    await expectVerifiedAndReplayable(admin, String(first?._meta?.[EXECUTION_META]), session);
  });

  it("a plan with `after` edges runs in order and answers every step's output", async () => {
    const { admin, client, session } = await agentSession("mcp-call-plan");
    const result = (await client.callTool({
      name: "controlPlane_plan_submit",
      arguments: {
        steps: [
          { key: "first", tool: "github_issue_comment", input: { owner: "acme", repo: "app", number: 1, body: "one" } },
          { key: "second", tool: "github.issue.comment", input: { owner: "acme", repo: "app", number: 1, body: "two" }, after: ["first"] },
        ],
      },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      controlPlane: { status: "succeeded" },
      steps: [{ key: "first", state: "succeeded" }, { key: "second", state: "succeeded" }],
      outputs: { first: { commentId: expect.any(Number) }, second: { commentId: expect.any(Number) } },
    });
    expect((await comments()).map((r) => JSON.parse(r.body) as unknown)).toEqual([{ body: "one" }, { body: "two" }]);
    await expectVerifiedAndReplayable(admin, executionOf(result), session);
    await client.close();
  });
});
