import { z } from "zod";
import { McpServerView, mcpServerNotFound } from "../common/mcp-server.ts";
import { UpstreamServerName } from "../mcp/upstream-manifest.ts";
import { defineOperation } from "../define.ts";

export const McpServerRemoveInput = z.strictObject({ name: UpstreamServerName });
export const McpServerRemoveOutput = McpServerView;

export const mcpServerRemove = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.mcpServer.remove",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "mcp"],
    description: "Remove a registered upstream MCP server, its pinned manifest and its stored credential.",
    goal: "Stops every use of an upstream's tools at once.",
    context: "Executions already started keep the manifest they recorded, but their next call of its tools fails UPSTREAM_NOT_REGISTERED.",
  },
  input: McpServerRemoveInput,
  output: McpServerRemoveOutput,
  errors: [mcpServerNotFound],
  capability: "control-plane.admin",
  http: { method: "DELETE", path: "/v1/mcp-servers/{name}" },
  emits: [],
});
