import { z } from "zod";
import { Timestamp } from "./ids.ts";

export const ConnectionProvider = z
  .enum(["slack", "github", "meta", "twilio"])
  .describe("Whose install: a Slack app (OAuth v2), a GitHub App installation, a WhatsApp number through Meta or through Twilio");
export type ConnectionProvider = z.infer<typeof ConnectionProvider>;

/** A tenant's install as the API shows it. The credential itself is never part of any view, only whether one is held. */
export const ConnectionView = z.strictObject({
  provider: ConnectionProvider,
  externalId: z
    .string()
    .describe("What the provider calls the install: a Slack team id, a GitHub installation id, a Meta phone number id, a Twilio sender (E.164)"),
  status: z
    .enum(["active", "inactive"])
    .describe("`active`: the tenant's steps for this target use its credential; `inactive`: uninstalled, revoked or removed (no credential is kept)"),
  details: z.record(z.string(), z.string()).describe("What the provider shows publicly: team name, account login, display number"),
  hasCredential: z.boolean().describe("Whether a sealed credential is stored (a GitHub App installation holds none: its tokens are minted per step)"),
  installedBy: z.string().describe("The principal whose install flow or registration made it"),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const connectionNotFound = { code: "CONNECTION_NOT_FOUND", status: 404, when: "the caller's tenant has no install with this provider and id" };
