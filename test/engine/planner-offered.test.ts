import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { plannerAnswerSchema } from "../../engine/planner/answer-schema.ts";
import { offeredTools } from "../../engine/planner/offered-tools.ts";
import { planFromModel } from "../../engine/planner/plan-from-model.ts";
import { plannerPrompt } from "../../engine/planner/prompt.ts";
import { readModelAnswer } from "../../engine/planner/read-answer.ts";
import { DEFAULT_POLICY } from "../../engine/policy/default.ts";
import { makeIntent } from "./support/intent.ts";

const prose = makeIntent({ text: "close the flaky issue in acme/web" });
const context = { tenantId: "t1", channel: "slack" as const, requesterRoles: [], at: "2026-01-01T00:00:00.000Z" };
const close = JSON.stringify({ kind: "plan", steps: [{ key: "c", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7 }, after: [] }] });

describe("the tools offered to the planner's model", () => {
  it("are the grant's tools the policy could allow, sorted", () => {
    const all = offeredTools(toolRegistry, DEFAULT_POLICY, context, prose.actor);
    expect(all).toEqual([...all].sort());
    expect(all).toContain("github.issue.close");
    const narrowed = offeredTools(toolRegistry, DEFAULT_POLICY, context, prose.actor, { capability: "control-plane.core", tools: ["github.issue.comment", "channel.*"], channels: null, constraints: null });
    expect(narrowed).toEqual(["channel.reply", "github.issue.comment"]);
  });

  it("bound the schema and the prompt, and an answer naming another registry tool is TOOL_NOT_OFFERED, not invalid", () => {
    const offered = ["channel.reply", "github.issue.comment"];
    expect(JSON.stringify(plannerAnswerSchema(toolRegistry, offered))).not.toContain("github.issue.close");
    expect(plannerPrompt(prose, toolRegistry, offered).system).not.toContain("github.issue.close");
    expect(readModelAnswer(close, toolRegistry, offered)).toEqual({ kind: "not_offered", tools: ["github.issue.close"] });
    const result = planFromModel(prose, toolRegistry, { outcome: "answered", raw: close }, offered);
    expect(result.ok ? null : result.rejection.reasons[0]?.code).toBe("TOOL_NOT_OFFERED");
    // Offered, the same answer plans; a tool no registry knows stays MODEL_OUTPUT_INVALID.
    expect(planFromModel(prose, toolRegistry, { outcome: "answered", raw: close }, [...offered, "github.issue.close"]).ok).toBe(true);
    const unknown = JSON.stringify({ kind: "plan", steps: [{ key: "x", tool: "shell.exec", input: {}, after: [] }] });
    const invalid = planFromModel(prose, toolRegistry, { outcome: "answered", raw: unknown }, offered);
    expect(invalid.ok ? null : invalid.rejection.reasons[0]?.code).toBe("MODEL_OUTPUT_INVALID");
  });

  it("with none offered, the schema allows only clarify or refuse", () => {
    const schema = plannerAnswerSchema(toolRegistry, []) as { anyOf: { properties: { kind: { const: string } } }[] };
    expect(schema.anyOf.map((b) => b.properties.kind.const)).toEqual(["clarify", "refuse"]);
    expect(readModelAnswer(close, toolRegistry, [])).toEqual({ kind: "not_offered", tools: ["github.issue.close"] });
  });
});
