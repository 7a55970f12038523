import { z } from "zod";
import { GrantNarrowing, GrantView } from "./grant.ts";
import { TenantId, Timestamp } from "./ids.ts";

export const ChannelProvider = z
  .enum(["slack", "github", "meta", "twilio"])
  .describe("Which provider's traffic the binding routes: Slack, GitHub, WhatsApp Cloud API (Meta) or Twilio");
export type ChannelProvider = z.infer<typeof ChannelProvider>;

/** How each provider names the thing a binding routes, as the webhook normalizers read it from deliveries. */
const externalIdFormats: Record<ChannelProvider, { pattern: RegExp; example: string }> = {
  slack: { pattern: /^[TE][A-Z0-9]{2,30}$/, example: "a team id such as `T0123ABCD`" },
  github: { pattern: /^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}|installation:\d{1,20})$/, example: "`owner/repo` or `installation:<id>`" },
  meta: { pattern: /^\d{5,20}$/, example: "a phone number id such as `106540352242922`" },
  twilio: { pattern: /^\+[1-9]\d{6,14}$/, example: "an E.164 number such as `+14155238886`" },
};

export const ChannelExternalId = z
  .string()
  .min(1)
  .max(200)
  .describe(
    "What the provider calls the bound channel: a Slack team id, a GitHub `owner/repo` or `installation:<id>`, " +
      "a Meta phone number id, or a Twilio number in E.164",
  );

/** Refines `{ provider, externalId }` so each provider's id has its own shape. */
export function checkExternalId(value: { provider: ChannelProvider; externalId: string }, ctx: z.RefinementCtx): void {
  const format = externalIdFormats[value.provider];
  if (!format.pattern.test(value.externalId)) {
    ctx.addIssue({ code: "custom", path: ["externalId"], message: `a ${value.provider} binding takes ${format.example}` });
  }
}

/**
 * The narrowing a binding puts on every intent arriving through it: the API-key grant narrowing (tools,
 * channels, argument constraints) of the intent-submit capability, applied per binding, not per sender.
 */
export const ChannelBindingGrant = z
  .strictObject(GrantNarrowing)
  .describe(
    "Narrows the grant every intent from this channel runs under (tools, channels, argument constraints), as an API key's " +
      "grant is narrowed; a step outside it is blocked with GRANT_SCOPE_EXCEEDED. Omitted: not narrowed, policy alone governs",
  );
export type ChannelBindingGrant = z.infer<typeof ChannelBindingGrant>;

/** A binding's narrowing as stored and shown: `null` means not narrowed in that dimension. */
export const ChannelBindingGrantView = GrantView.omit({ capability: true });
export type ChannelBindingGrantView = z.infer<typeof ChannelBindingGrantView>;

export const ChannelBindingStatus = z
  .enum(["pending", "confirmed"])
  .describe(
    "`pending`: claimed through the API, routes no traffic and allows no reply until its one-time code arrives in a signed " +
      "delivery from inside the channel; `confirmed`: the channel's traffic runs as this tenant",
  );
export type ChannelBindingStatus = z.infer<typeof ChannelBindingStatus>;

/** A binding as the API shows it. */
export const ChannelBindingView = z.strictObject({
  provider: ChannelProvider,
  externalId: ChannelExternalId,
  tenantId: TenantId,
  status: ChannelBindingStatus,
  grant: ChannelBindingGrantView.nullable().describe("The narrowing every intent from this channel runs under; `null`: not narrowed"),
  createdAt: Timestamp,
  confirmedAt: Timestamp.nullable().describe("When the in-channel confirmation arrived; `null` while pending"),
});
export type ChannelBindingView = z.infer<typeof ChannelBindingView>;
