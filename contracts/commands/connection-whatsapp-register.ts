import { z } from "zod";
import { ConnectionView } from "../common/connection.ts";
import { defineOperation } from "../define.ts";

/** What the provider check and the stored credential need, per provider. */
export type WhatsappRegistration =
  | { provider: "meta"; phoneNumberId: string; accessToken: string }
  | { provider: "twilio"; accountSid: string; authToken: string; from: string };

const needs = { meta: ["phoneNumberId", "accessToken"], twilio: ["accountSid", "authToken", "from"] } as const;

export const ConnectionWhatsappRegisterInput = z
  .strictObject({
    provider: z.enum(["meta", "twilio"]).describe("`meta`: WhatsApp Cloud API; `twilio`: Twilio's WhatsApp sender"),
    phoneNumberId: z.string().regex(/^\d{5,20}$/).optional().describe("Meta: the WhatsApp Cloud API phone number id"),
    accessToken: z.string().min(10).max(1000).optional().describe("Meta: a system-user access token with whatsapp_business_messaging; stored sealed, never shown again"),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/).optional().describe("Twilio: the account SID"),
    authToken: z.string().min(16).max(200).optional().describe("Twilio: the auth token; stored sealed, never shown again"),
    from: z.string().regex(/^\+[1-9]\d{6,14}$/).optional().describe("Twilio: the sending number in E.164, one of the account's numbers"),
  })
  .superRefine((value, ctx) => {
    for (const field of needs[value.provider]) {
      if (value[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: `required for provider ${value.provider}` });
    }
    const other = value.provider === "meta" ? needs.twilio : needs.meta;
    for (const field of other) {
      if (value[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `not a ${value.provider} field` });
    }
  });
export type ConnectionWhatsappRegisterInput = z.infer<typeof ConnectionWhatsappRegisterInput>;

/** The checked input as one of the two registrations; undefined only if the refinement above was bypassed. */
export function whatsappRegistrationOf(input: ConnectionWhatsappRegisterInput): WhatsappRegistration | undefined {
  if (input.provider === "meta") {
    return input.phoneNumberId === undefined || input.accessToken === undefined ? undefined : { provider: "meta", phoneNumberId: input.phoneNumberId, accessToken: input.accessToken };
  }
  return input.accountSid === undefined || input.authToken === undefined || input.from === undefined
    ? undefined
    : { provider: "twilio", accountSid: input.accountSid, authToken: input.authToken, from: input.from };
}

export const ConnectionWhatsappRegisterOutput = ConnectionView;

export const connectionWhatsappRegister = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.connection.whatsapp.register",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "channels", "connections"],
    description: "Register the tenant's WhatsApp number with its own Meta or Twilio credential, checked against the provider first.",
    goal: "Lets each tenant send and reply from its own number with its own credential, proven by the provider accepting it.",
    context:
      "Meta: the phone number id is read with the access token (GET <META_GRAPH_URL>/<version>/<id>); Twilio: the account's " +
      "numbers are listed with the SID and auth token and must include `from`. Only when the provider accepts does the number " +
      "become an active install and a confirmed channel binding of the tenant. Registering again replaces the credential " +
      "(from the next step on).",
  },
  input: ConnectionWhatsappRegisterInput,
  output: ConnectionWhatsappRegisterOutput,
  errors: [
    { code: "PROVIDER_CHECK_FAILED", status: 422, when: "the provider refused the credential or does not know the number under it" },
    { code: "PROVIDER_UNREACHABLE", status: 502, when: "the provider could not be asked" },
    { code: "BINDING_TAKEN", status: 409, when: "another tenant holds this number's channel binding" },
    { code: "CONNECTION_TAKEN", status: 409, when: "another tenant holds this number as an active install" },
    { code: "CREDENTIALS_NOT_CONFIGURED", status: 503, when: "CREDENTIALS_KEY is not set" },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/connections/whatsapp", successStatus: 201 },
  emits: [],
});
