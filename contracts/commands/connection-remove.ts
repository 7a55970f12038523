import { z } from "zod";
import { ConnectionProvider, ConnectionView, connectionNotFound } from "../common/connection.ts";
import { defineOperation } from "../define.ts";

export const ConnectionRemoveInput = z.strictObject({ provider: ConnectionProvider, externalId: z.string().min(1).max(200) });
export const ConnectionRemoveOutput = ConnectionView;

export const connectionRemove = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.connection.remove",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "channels", "connections"],
    description: "Remove one of the tenant's installs: its stored credential is deleted and its channel binding dropped.",
    goal: "Stops every use of a workspace's, installation's or number's credential by this tenant at once.",
    context:
      "The next step for that target fails NOT_CONNECTED; the channel's deliveries are treated as unbound. The install is kept as " +
      "`inactive` (without credential) so it can be installed again. Removing here does not uninstall the app at the provider.",
  },
  input: ConnectionRemoveInput,
  output: ConnectionRemoveOutput,
  errors: [connectionNotFound],
  capability: "control-plane.admin",
  http: { method: "DELETE", path: "/v1/connections/{provider}/{externalId}" },
  emits: [],
});
