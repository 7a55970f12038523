import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { tenantRegistry } from "../../engine/skills/tenant-registry.ts";
import { splitSkillToolKey } from "../../engine/skills/tool-contracts.ts";
import { interpret } from "../../engine/interpret/index.ts";
import type { Intent } from "../../contracts/intent.ts";
import { fixture } from "./support/manifests.ts";

const intent = (text: string): Intent => ({
  tenantId: "t1",
  actor: { type: "human", id: "u1" },
  channel: "api",
  replyTo: { kind: "none" },
  text,
  receivedAt: "2026-06-02T00:00:00Z",
});

describe("a tenant's tool registry", () => {
  it("without skills is the built-in registry, version included", () => {
    expect(tenantRegistry([]).version).toBe(toolRegistry.version);
  });

  it("adds each skill tool under <publisher>/<skill>/<tool> at the skill's version, from its JSON Schemas", async () => {
    const { manifest } = await fixture();
    const registry = tenantRegistry([manifest]);
    const tool = registry.resolve("acme/echo/echo");
    expect(tool).toMatchObject({ key: "acme/echo/echo", version: "1.2.0", risk: "low", sideEffect: "none" });
    expect(tool?.input.safeParse({ text: "hi" }).success).toBe(true);
    expect(tool?.input.safeParse({ text: 3 }).success).toBe(false);
    expect(registry.version).not.toBe(toolRegistry.version);
  });

  it("is deterministic, and changes with the bundle digest", async () => {
    const { manifest } = await fixture();
    const other = await fixture({ bundle: { sha256: "0".repeat(64), length: 10 } });
    expect(tenantRegistry([manifest]).version).toBe(tenantRegistry([structuredClone(manifest)]).version);
    expect(tenantRegistry([other.manifest]).version).not.toBe(tenantRegistry([manifest]).version);
  });

  it("lets the grammar plan `run acme/echo/echo`", async () => {
    const { manifest } = await fixture();
    const planned = interpret(intent("run acme/echo/echo text=hello"), tenantRegistry([manifest]));
    expect(planned.ok).toBe(true);
    if (planned.ok) expect(planned.draft.steps[0]).toMatchObject({ tool: "acme/echo/echo", input: { text: "hello" } });
  });

  it("splits skill tool keys and leaves built-in keys alone", () => {
    expect(splitSkillToolKey("acme/echo/echo")).toEqual({ skill: "acme/echo", tool: "echo" });
    expect(splitSkillToolKey("channel.reply")).toBeUndefined();
  });
});
