import { z } from "zod";
import { ChannelBindingView, ChannelExternalId, ChannelProvider, checkExternalId } from "../common/channel-binding.ts";
import { defineOperation } from "../define.ts";

export const ChannelBindingCreateInput = z
  .strictObject({ provider: ChannelProvider, externalId: ChannelExternalId })
  .superRefine(checkExternalId);
export type ChannelBindingCreateInput = z.infer<typeof ChannelBindingCreateInput>;

export const ChannelBindingCreateOutput = ChannelBindingView;
export type ChannelBindingCreateOutput = z.infer<typeof ChannelBindingCreateOutput>;

export const channelBindingCreate = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.channelBinding.create",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "channels"],
    description: "Route a Slack team, GitHub repository or installation, Meta phone number id or Twilio number to the caller's tenant.",
    goal: "Lets one deployment serve several tenants from the same webhook URLs, each channel's traffic running as its own tenant.",
    context:
      "Webhook traffic with no binding goes to DEFAULT_TENANT when one is configured and is otherwise recorded and refused. " +
      "A channel belongs to at most one tenant: binding one another tenant holds answers BINDING_TAKEN. Binding one the " +
      "caller's tenant already holds answers the existing binding unchanged. Takes effect for the next delivery.",
  },
  input: ChannelBindingCreateInput,
  output: ChannelBindingCreateOutput,
  errors: [{ code: "BINDING_TAKEN", status: 409, when: "the channel is bound to another tenant" }],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/channel-bindings", successStatus: 201 },
  emits: [],
});
