import { z } from "zod";
import { ChannelBindingView, ChannelExternalId, ChannelProvider } from "../common/channel-binding.ts";
import { defineOperation } from "../define.ts";

// A GitHub `owner/repo` id is sent percent-encoded (`acme%2Fwidgets`) as one path segment.
export const ChannelBindingDeleteInput = z.strictObject({ provider: ChannelProvider, externalId: ChannelExternalId });
export type ChannelBindingDeleteInput = z.infer<typeof ChannelBindingDeleteInput>;

export const ChannelBindingDeleteOutput = ChannelBindingView;
export type ChannelBindingDeleteOutput = z.infer<typeof ChannelBindingDeleteOutput>;

export const channelBindingDelete = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.channelBinding.delete",
    version: "1.2.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "channels"],
    description: "Remove one of the caller's channel bindings and answer what was removed.",
    goal: "Detaches a channel from a tenant, e.g. when a workspace or repository changes hands.",
    context:
      "From the next delivery on the channel's traffic is treated as unbound: it goes to DEFAULT_TENANT when one is " +
      "configured, else it is recorded and refused. Intents already recorded keep their tenant.",
  },
  input: ChannelBindingDeleteInput,
  output: ChannelBindingDeleteOutput,
  errors: [{ code: "BINDING_NOT_FOUND", status: 404, when: "the caller's tenant holds no binding for this channel" }],
  capability: "control-plane.admin",
  http: { method: "DELETE", path: "/v1/channel-bindings/{provider}/{externalId}" },
  emits: [],
});
