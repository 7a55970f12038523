import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  ToolRegistryError,
  builtinTools,
  createToolRegistry,
  toolRegistry,
  toolRegistryVersion,
} from "../../contracts/tools/index.ts";
import { classify, classifyV1 } from "./support/tools.ts";

describe("tool registry", () => {
  it("holds the built-in tools with their default risk tiers", () => {
    const risks = Object.fromEntries(toolRegistry.list().map((t) => [t.key, t.risk]));
    expect(risks).toEqual({
      "channel.reply": "low",
      "github.issue.close": "high",
      "github.issue.comment": "medium",
      "github.issue.label": "medium",
      "http.request": "high",
      "slack.message.post": "medium",
      "whatsapp.message.send": "high",
    });
    expect(toolRegistryVersion).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses the same key and version twice", () => {
    expect(() => createToolRegistry([...builtinTools, builtinTools[0] ?? classify])).toThrow(ToolRegistryError);
  });

  it("refuses a version that is not semver", () => {
    expect(() => createToolRegistry([{ ...classify, version: "1.2" }])).toThrow(/not semver/);
  });

  it("resolves a bare key to the highest version and `key@version` to exactly that", () => {
    const registry = createToolRegistry([classifyV1, classify]);
    expect(registry.resolve("acme/triage/classify")?.version).toBe("1.2.0");
    expect(registry.resolve("acme/triage/classify@1.0.0")?.version).toBe("1.0.0");
    expect(registry.resolve("acme/triage/classify@2.0.0")).toBeUndefined();
    expect(registry.get("acme/triage/classify", "1.0.0")).toBe(classifyV1);
  });

  it("version is independent of registration order and of descriptions", () => {
    const a = createToolRegistry([classify, ...builtinTools]);
    const b = createToolRegistry([...builtinTools].reverse().concat(classify));
    const c = createToolRegistry([{ ...classify, description: "Reworded." }, ...builtinTools]);
    expect(a.version).toBe(b.version);
    expect(a.version).toBe(c.version);
  });

  it.each([
    ["a risk tier", { risk: "high" as const }],
    ["a side-effect class", { sideEffect: "write" as const }],
    ["an input schema", { input: classify.input.extend({ extra: z.string().optional() }) }],
    ["an output schema", { output: z.object({ severity: z.string() }) }],
    ["a version", { version: "1.2.1" }],
    ["the tags", { tags: ["other"] }],
  ])("version changes with %s", (_what, change) => {
    const base = createToolRegistry([classify]);
    const changed = createToolRegistry([{ ...classify, ...change }]);
    expect(changed.version).not.toBe(base.version);
  });
});
