import { z } from "zod";
import { Digest, Timestamp } from "./ids.ts";
import { RiskTier, SideEffectClass } from "../tools/define.ts";
import { UpstreamServerName } from "../mcp/upstream-manifest.ts";

export const McpServerToolView = z.strictObject({
  key: z.string().describe("`mcp.<server>.<tool>`: the tool key plans and policy use"),
  name: z.string(),
  risk: RiskTier,
  sideEffect: SideEffectClass,
  definitionDigest: Digest.describe("SHA-256 of the canonical JSON of name, description and inputSchema: what is pinned"),
});

/** A registered upstream server. The credential is never part of any view: only whether one is stored. */
export const McpServerView = z.strictObject({
  name: UpstreamServerName,
  url: z.string(),
  publisher: z.string(),
  version: z.string(),
  manifestDigest: Digest,
  signingKeyId: z.string(),
  tools: z.array(McpServerToolView),
  hasCredential: z.boolean(),
  registeredAt: Timestamp,
  registeredBy: z.string(),
});
export type McpServerView = z.infer<typeof McpServerView>;

export const mcpServerNotFound = { code: "MCP_SERVER_NOT_FOUND", status: 404, when: "the caller's tenant has no upstream server of this name" };
