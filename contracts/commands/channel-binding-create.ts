import { z } from "zod";
import { ChannelBindingGrant, ChannelBindingView, ChannelExternalId, ChannelProvider, checkExternalId } from "../common/channel-binding.ts";
import { defineOperation } from "../define.ts";

export const ChannelBindingCreateInput = z
  .strictObject({ provider: ChannelProvider, externalId: ChannelExternalId, grant: ChannelBindingGrant.optional() })
  .superRefine(checkExternalId);
export type ChannelBindingCreateInput = z.infer<typeof ChannelBindingCreateInput>;

export const ChannelBindingCreateOutput = ChannelBindingView;
export type ChannelBindingCreateOutput = z.infer<typeof ChannelBindingCreateOutput>;

export const channelBindingCreate = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.channelBinding.create",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "channels"],
    description: "Route a Slack team, GitHub repository or installation, Meta phone number id or Twilio number to the caller's tenant.",
    goal: "Lets one deployment serve several tenants from the same webhook URLs, each channel's traffic running as its own tenant.",
    context:
      "Webhook traffic with no binding goes to DEFAULT_TENANT when one is configured and is otherwise recorded and refused. " +
      "A channel belongs to at most one tenant: binding one another tenant holds answers BINDING_TAKEN. Binding one the " +
      "caller's tenant already holds answers it with the grant given (no grant: not narrowed). A grant narrows the " +
      "intent-submit grant (control-plane.core) of every intent arriving through the channel, as an API key's grant is " +
      "narrowed: its steps are checked at dispatch and an out-of-scope step is blocked with GRANT_SCOPE_EXCEEDED. It applies " +
      "per binding, to every sender alike. A caller whose own control-plane.core grant is narrowed can only bind at least as " +
      "narrowly. Takes effect for the next delivery.",
  },
  input: ChannelBindingCreateInput,
  output: ChannelBindingCreateOutput,
  errors: [
    { code: "BINDING_TAKEN", status: 409, when: "the channel is bound to another tenant" },
    { code: "GRANT_WIDER_THAN_HELD", status: 403, when: "the grant is narrowed less than the calling key's own control-plane.core grant" },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/channel-bindings", successStatus: 201 },
  emits: [],
});
