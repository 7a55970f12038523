import { z } from "zod";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import type { ToolContract } from "../../contracts/tools/define.ts";

export class SkillToolError extends Error {
  override readonly name = "SkillToolError";
}

/** `acme/echo/echo` → `{ skill: "acme/echo", tool: "echo" }`; built-in keys (no two slashes) → undefined. */
export function splitSkillToolKey(key: string): { skill: string; tool: string } | undefined {
  const parts = key.split("/");
  if (parts.length !== 3 || parts.some((p) => p === "")) return undefined;
  return { skill: `${parts[0]}/${parts[1]}`, tool: parts[2] ?? "" };
}

/**
 * The tool contracts a verified manifest provides: key `<publisher>/<skill>/<tool>`, the skill's version,
 * its JSON Schemas as zod. The tags carry the skill version and bundle digest, so the registry version (and
 * with it every plan id) changes when different code would run.
 */
export function skillToolContracts(manifest: SkillManifest): ToolContract[] {
  return manifest.tools.map((tool) => {
    const input = z.fromJSONSchema(tool.input);
    if (!(input instanceof z.ZodObject)) throw new SkillToolError(`${manifest.skill}/${tool.name}: the input schema is not an object schema`);
    return {
      kind: "tool",
      key: `${manifest.skill}/${tool.name}`,
      version: manifest.version,
      description: tool.description,
      input,
      output: z.fromJSONSchema(tool.output),
      risk: tool.risk,
      sideEffect: tool.sideEffect,
      idempotency: tool.idempotency,
      tags: ["skill", `skill:${manifest.skill}@${manifest.version}`, `bundle:${manifest.bundle.sha256}`],
    };
  });
}
