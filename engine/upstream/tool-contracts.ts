import { z } from "zod";
import type { UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import type { ToolContract } from "../../contracts/tools/define.ts";
import { digestOf } from "../hash.ts";
import { upstreamToolKey } from "./tool-key.ts";

/** An upstream's answer to tools/call, as later steps may reference it. */
export const UpstreamCallOutput = z.object({
  content: z.array(z.record(z.string(), z.unknown())),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
});

export class UpstreamToolError extends Error {
  override readonly name = "UpstreamToolError";
}

/**
 * The tool contracts a verified upstream manifest provides: key `mcp.<server>.<tool>`, the manifest version,
 * the pinned input schema as zod, the publisher's tier (high when it assigned none). A tool call may repeat its
 * effect on retry (MCP has no idempotency key), so idempotency is `none`. The manifest digest is a tag, so the
 * registry version (and every plan id) changes when another manifest is pinned.
 */
export function upstreamToolContracts(manifest: UpstreamManifest): ToolContract[] {
  const digest = digestOf(manifest);
  return manifest.tools.map((tool) => {
    const input = z.fromJSONSchema(tool.inputSchema);
    if (!(input instanceof z.ZodObject)) throw new UpstreamToolError(`mcp.${manifest.server}.${tool.name}: the input schema is not an object schema`);
    return {
      kind: "tool",
      key: upstreamToolKey(manifest.server, tool.name),
      version: manifest.version,
      description: tool.description === "" ? `${tool.name} of the upstream MCP server ${manifest.server}` : tool.description,
      input,
      output: UpstreamCallOutput,
      risk: tool.risk ?? "high",
      sideEffect: tool.sideEffect,
      idempotency: "none",
      tags: ["mcp-upstream", `mcp:${manifest.server}@${manifest.version}`, `manifest:${digest}`],
    };
  });
}
