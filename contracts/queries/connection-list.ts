import { z } from "zod";
import { ConnectionView } from "../common/connection.ts";
import { defineOperation } from "../define.ts";

export const ConnectionListInput = z.strictObject({});
export const ConnectionListOutput = z.strictObject({ items: z.array(ConnectionView) });
export type ConnectionListOutput = z.infer<typeof ConnectionListOutput>;

export const connectionList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.connection.list",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "channels", "connections"],
    description: "List the tenant's installs (Slack workspaces, GitHub App installations, WhatsApp numbers) with their status.",
    goal: "Shows which workspaces, accounts and numbers the tenant's steps act in, with whose credential, and which were uninstalled.",
    context:
      "Ordered by provider and id. Credentials are never listed, only whether one is held. Install with `GET /connect/slack` or " +
      "`GET /connect/github` (an admin's key; both redirect to the provider), or `POST /v1/connections/whatsapp`.",
  },
  input: ConnectionListInput,
  output: ConnectionListOutput,
  errors: [],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/connections" },
  emits: [],
});
