import { describe, expect, it } from "vitest";
import { bootstrap, createKey } from "../support/api.ts";
import { activate, connect } from "./support.ts";

const CONTROL = ["controlPlane_execution_status", "controlPlane_plan_submit"];

async function toolNames(key: string): Promise<string[]> {
  const { client } = await connect(key);
  const names = (await client.listTools()).tools.map((t) => t.name).sort();
  await client.close();
  return names;
}

describe("MCP tools/list", () => {
  it("lists what the active policy could allow: denied and implicitly denied tools are absent, channel.reply is not offered", async () => {
    const admin = await bootstrap("mcp-list");
    const agent = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    await activate(admin, {
      schema: "control-plane.policy/1",
      name: "narrow",
      rules: [
        { id: "comments-low", match: { tools: ["github.issue.comment"] }, effect: "allow", tier: "low", override: { reason: "agents may comment on issues on their own" } },
        { id: "no-whatsapp", match: { tools: ["whatsapp.message.send"] }, effect: "deny" },
        { id: "humans-post", match: { tools: ["slack.message.post"], actorTypes: ["human"] }, effect: "require_approval" },
        { id: "high-two", match: { risks: ["high"] }, effect: "require_approval", approval: { group: "approvers", quorum: 2 } },
        { id: "close-only-bugs", match: { tools: ["github.issue.close"], args: [{ path: "repo", op: "eq", value: "prod" }] }, effect: "deny" },
      ],
    });
    // whatsapp: denied outright; slack.message.post: only humans; github.issue.label: no rule permits it; close: denied only for some arguments.
    expect(await toolNames(agent.key)).toEqual(["github_issue_close", "github_issue_comment", "http_request", ...CONTROL].sort());
  });

  it("a narrowed key sees fewer: its grant's tools only, and nothing of a grant without channel mcp", async () => {
    const admin = await bootstrap("mcp-list-narrow");
    const wide = await createKey(admin, ["control-plane.core"], { principalType: "agent" });
    const narrow = await createKey(admin, [], { capabilities: [{ capability: "control-plane.core", tools: ["github.issue.*"], channels: ["mcp"] }], principalType: "agent" });
    const elsewhere = await createKey(admin, [], { capabilities: [{ capability: "control-plane.core", channels: ["api"] }], principalType: "agent" });
    const audit = await createKey(admin, ["control-plane.audit"], { principalType: "agent" });

    // The default policy: every known tool is permitted at some tier.
    const all = await toolNames(wide.key);
    expect(all).toEqual(["github_issue_close", "github_issue_comment", "github_issue_label", "http_request", "slack_message_post", "whatsapp_message_send", ...CONTROL].sort());
    expect(await toolNames(narrow.key)).toEqual(["github_issue_close", "github_issue_comment", "github_issue_label", ...CONTROL].sort());
    expect(await toolNames(elsewhere.key)).toEqual(CONTROL);
    expect(await toolNames(audit.key)).toEqual([]);
  });

  it("describes each tool from its contract: schemas, hints and the risk tier", async () => {
    const admin = await bootstrap("mcp-list-shape");
    const { client } = await connect(admin.key);
    const tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
    const close = tools.get("github_issue_close");
    expect(close?.title).toBe("github.issue.close@1.0.0");
    expect(close?.description).toMatch(/Risk tier: high/);
    expect(close?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(close?.inputSchema).toMatchObject({ type: "object", required: expect.arrayContaining(["owner", "repo", "number"]) });
    expect(JSON.stringify(close?.outputSchema)).toContain('"state"');
    const comment = tools.get("github_issue_comment");
    expect(comment?.description).toMatch(/Risk tier: medium/);
    expect(comment?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(tools.get("http_request")?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: false });
    expect(tools.get("controlPlane_execution_status")?.annotations).toMatchObject({ readOnlyHint: true });
    await client.close();
  });
});
