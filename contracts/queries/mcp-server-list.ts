import { z } from "zod";
import { McpServerView } from "../common/mcp-server.ts";
import { defineOperation } from "../define.ts";

export const McpServerListInput = z.strictObject({});
export const McpServerListOutput = z.strictObject({ items: z.array(McpServerView) });
export type McpServerListOutput = z.infer<typeof McpServerListOutput>;

export const mcpServerList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.mcpServer.list",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "mcp"],
    description: "List the tenant's registered upstream MCP servers and their pinned tools.",
    goal: "Shows which upstream tools the tenant's plans may use, from which URL, pinned by which signed manifest.",
    context: "Ordered by name. Credentials are never listed, only whether one is stored.",
  },
  input: McpServerListInput,
  output: McpServerListOutput,
  errors: [],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/mcp-servers" },
  emits: [],
});
