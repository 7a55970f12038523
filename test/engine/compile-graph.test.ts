import { describe, expect, it } from "vitest";
import type { DraftStep, PlanDraft } from "../../contracts/plan.ts";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { type CompileError, compile } from "../../engine/compile.ts";
import { makeIntent } from "./support/intent.ts";

const reply = (key: string, after: string[] = [], text = "hi"): DraftStep => ({ key, tool: "channel.reply", input: { text }, after });
const draft = (...steps: DraftStep[]): PlanDraft => ({ interpreter: { name: "test", version: "1" }, steps });

function errors(d: PlanDraft): CompileError[] {
  const result = compile(makeIntent(), d, toolRegistry);
  if (result.ok) throw new Error("compiled");
  return result.errors;
}

describe("compile: the graph and the tools", () => {
  it("compiles a diamond", () => {
    const result = compile(makeIntent(), draft(reply("a"), reply("b", ["a"]), reply("c", ["a"]), reply("d", ["b", "c"])), toolRegistry);
    expect(result.ok).toBe(true);
  });

  it("reports a cycle with the keys along it", () => {
    const found = errors(draft(reply("a", ["c"]), reply("b", ["a"]), reply("c", ["b"])));
    expect(found).toContainEqual(expect.objectContaining({ code: "CYCLE", cycle: ["a", "c", "b", "a"] }));
    expect(found.find((e) => e.code === "CYCLE")?.message).toContain("a → c → b → a");
  });

  it("reports a step that waits for itself as a cycle", () => {
    expect(errors(draft(reply("a", ["a"])))).toContainEqual(expect.objectContaining({ code: "CYCLE", cycle: ["a", "a"] }));
  });

  it("refuses an unknown tool", () => {
    expect(errors(draft({ key: "a", tool: "github.issue.delete", input: {}, after: [] }))).toEqual([
      expect.objectContaining({ code: "UNKNOWN_TOOL", stepKey: "a" }),
    ]);
  });

  it("refuses a pinned version the registry does not have", () => {
    expect(errors(draft({ key: "a", tool: "channel.reply@2.0.0", input: { text: "x" }, after: [] }))[0]?.code).toBe("UNKNOWN_TOOL");
  });

  it("refuses duplicate keys and unknown `after` keys", () => {
    const found = errors(draft(reply("a"), reply("a"), reply("b", ["zzz"])));
    expect(found.map((e) => e.code).sort()).toEqual(["DUPLICATE_STEP_KEY", "UNKNOWN_DEPENDENCY"]);
  });

  it("checks literal input against the tool's schema, naming the field", () => {
    const found = errors(draft({ key: "a", tool: "whatsapp.message.send", input: { to: "0800", text: "" }, after: [] }));
    expect(found.map((e) => [e.code, e.path])).toEqual([
      ["INVALID_INPUT", ["to"]],
      ["INVALID_INPUT", ["text"]],
    ]);
  });

  it("refuses a field the tool does not have, rather than dropping it", () => {
    const found = errors(draft({ key: "a", tool: "slack.message.post", input: { channel: "#ops", text: "x", thread_ts: "1.2" }, after: [] }));
    expect(found).toEqual([expect.objectContaining({ code: "INVALID_INPUT", path: ["thread_ts"] })]);
  });

  it("refuses input that has no canonical JSON form", () => {
    const found = errors(draft({ key: "a", tool: "channel.reply", input: { text: "x", n: Number.NaN }, after: [] }));
    expect(found.map((e) => e.code)).toContain("INVALID_INPUT");
  });

  it("refuses a malformed draft or intent without throwing", () => {
    expect(errors({ interpreter: { name: "t", version: "1" }, steps: [] })[0]?.code).toBe("INVALID_DRAFT");
    const result = compile(makeIntent({ tenantId: "" }), draft(reply("a")), toolRegistry);
    expect(!result.ok && result.errors[0]?.code).toBe("INVALID_INTENT");
  });

  it("reports every problem at once", () => {
    const found = errors(draft(reply("a", ["b"]), reply("b", ["a"]), { key: "c", tool: "nope", input: {}, after: ["x"] }));
    expect(found.map((e) => e.code).sort()).toEqual(["CYCLE", "UNKNOWN_DEPENDENCY", "UNKNOWN_TOOL"]);
  });
});
