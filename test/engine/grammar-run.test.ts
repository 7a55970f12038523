import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { interpretText } from "../../engine/interpret/index.ts";
import { registryWithSkills } from "./support/tools.ts";

function runInput(text: string) {
  const result = interpretText(text, registryWithSkills);
  if (!result.ok) throw new Error(`rejected: ${result.reply}`);
  return result.draft.steps[0];
}

describe("grammar: run", () => {
  it("names a skill tool and reads key=value pairs, quoted values keeping their spaces", () => {
    expect(runInput('run acme/triage/classify title="Login fails on Safari" severity=high')).toMatchObject({
      key: "run-1",
      tool: "acme/triage/classify",
      input: { title: "Login fails on Safari", severity: "high" },
    });
  });

  it("reads a bare value as the type the tool's schema wants there", () => {
    expect(runInput("run acme/triage/classify title=x score=0.5 count=3 strict=false")?.input).toEqual({
      title: "x",
      score: 0.5,
      count: 3,
      strict: false,
    });
  });

  it("keeps a quoted value as text, so the schema refuses it where a number is wanted", () => {
    const result = interpretText('run acme/triage/classify title=x count="3"', registryWithSkills);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reply).toContain("`count`");
  });

  it("keeps text that looks like a number where the schema takes text", () => {
    expect(runInput("run acme/triage/classify title=42")?.input).toEqual({ title: "42" });
  });

  it("writes dotted keys into nested objects", () => {
    expect(runInput("run acme/triage/classify title=x meta.source=email meta.weight=2")?.input).toEqual({
      title: "x",
      meta: { source: "email", weight: 2 },
    });
  });

  it("pins a version with @", () => {
    expect(runInput("run acme/triage/classify@1.0.0 title=x")?.tool).toBe("acme/triage/classify@1.0.0");
  });

  it("escapes quotes inside quoted values", () => {
    expect(runInput('run acme/triage/classify title="say \\"hi\\""')?.input).toEqual({ title: 'say "hi"' });
  });

  it.each([
    ["an uninstalled tool", "run acme/none/tool a=1", "no tool `acme/none/tool` is installed"],
    ["a word without =", "run acme/triage/classify title", "expected `key=value`"],
    ["a repeated key", "run acme/triage/classify title=a title=b", "`title` is given twice"],
    ["a key as value and object", "run acme/triage/classify meta=a meta.source=b", "both as a value and as an object"],
    ["an unknown field", "run acme/triage/classify title=x colour=red", "has no field `colour`"],
    ["a missing required field", "run acme/triage/classify severity=low", "`title`"],
    ["a value outside the enum", "run acme/triage/classify title=x severity=urgent", "`severity`"],
    ["a bad field name", "run acme/triage/classify 9x=1", "is not a field name"],
  ])("refuses %s with a reply that says why", (_what, text, problem) => {
    const result = interpretText(text, registryWithSkills);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reply.toLowerCase()).toContain(problem.toLowerCase());
    expect(!result.ok && result.reply).toContain("Usage: run <publisher>/<skill>/<tool> key=value…");
  });

  it("reaches built-in tools by key too, with their own schemas", () => {
    const result = interpretText("run http.request method=GET url=ftp://example.com/", toolRegistry);
    expect(!result.ok && result.reply).toContain("`url`");
  });

  it("a field named __proto__ is data, not a prototype", () => {
    const result = interpretText("run acme/triage/classify title=x __proto__=y", registryWithSkills);
    expect(!result.ok && result.reply).toContain("has no field `__proto__`");
  });
});
