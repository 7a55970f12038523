import { z } from "zod";
import { ChannelBindingGrant, ChannelBindingView, ChannelExternalId, ChannelProvider, checkExternalId } from "../common/channel-binding.ts";
import { Timestamp } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ChannelBindingCreateInput = z
  .strictObject({ provider: ChannelProvider, externalId: ChannelExternalId, grant: ChannelBindingGrant.optional() })
  .superRefine(checkExternalId);
export type ChannelBindingCreateInput = z.infer<typeof ChannelBindingCreateInput>;

/** The one-time code of a pending binding, shown once: only its hash is stored. */
export const BindingConfirmation = z.strictObject({
  code: z.string().regex(/^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}$/).describe("One-time confirmation code; shown only in this answer"),
  expiresAt: Timestamp.describe("After this the code confirms nothing; create the binding again for a new one"),
  command: z.string().describe("What to send from inside the channel, e.g. `/cp bind 7K2Q-…`"),
  how: z.string().describe("Where to send it for this provider"),
});
export type BindingConfirmation = z.infer<typeof BindingConfirmation>;

export const ChannelBindingCreateOutput = ChannelBindingView.extend({
  confirmation: BindingConfirmation.nullable().describe("Set while the binding is pending: the code that confirms it; `null` once confirmed"),
});
export type ChannelBindingCreateOutput = z.infer<typeof ChannelBindingCreateOutput>;

export const channelBindingCreate = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.channelBinding.create",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "channels"],
    description:
      "Claim a Slack team, GitHub repository or installation, Meta phone number id or Twilio number for the caller's tenant; " +
      "the claim is pending until confirmed from inside the channel with the one-time code this answers.",
    goal: "Lets one deployment serve several tenants from the same webhook URLs, each channel's traffic running as the tenant that proved it holds the channel.",
    context:
      "A new binding is `pending`: it routes no traffic (the channel's deliveries are treated as unbound: DEFAULT_TENANT when " +
      "configured, else recorded and refused) and no API intent may reply through it. The answer carries a one-time code " +
      "(stored only as a hash, valid for an hour); a signed delivery from that very team, repository or number whose text is " +
      "`/cp bind <code>` (Slack slash command or message, GitHub issue comment line by an owner, member or collaborator, " +
      "WhatsApp text through Meta or Twilio) confirms it. A wrong, expired or used code, or one sent from another channel, " +
      "confirms nothing. Several tenants may claim a channel; the first confirmation wins and the other claims are dropped. " +
      "Claiming a channel another tenant has confirmed answers BINDING_TAKEN; a GitHub repository and an installation that " +
      "contains it cannot both be bound (in one tenant or two): BINDING_CONFLICT. Creating a binding the caller's tenant " +
      "already holds sets its grant (no grant: not narrowed) and, while it is pending, issues a new code (the old one stops " +
      "working). A grant narrows the intent-submit grant (control-plane.core) of every intent arriving through the channel, " +
      "as an API key's grant is narrowed: its steps are checked at dispatch and an out-of-scope step is blocked with " +
      "GRANT_SCOPE_EXCEEDED. A caller whose own control-plane.core grant is narrowed can only bind at least as narrowly.",
  },
  input: ChannelBindingCreateInput,
  output: ChannelBindingCreateOutput,
  errors: [
    { code: "BINDING_TAKEN", status: 409, when: "another tenant has confirmed this channel" },
    { code: "BINDING_CONFLICT", status: 409, when: "the channel overlaps a binding already made: a repository inside a bound installation, or an installation holding a bound repository" },
    { code: "GRANT_WIDER_THAN_HELD", status: 403, when: "the grant is narrowed less than the calling key's own control-plane.core grant" },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/channel-bindings", successStatus: 201 },
  emits: [],
});
