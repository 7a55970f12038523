/**
 * What a step acts on, as far as credentials are concerned: each tool declares it (the executor never asks
 * "is this Slack?"), and the step's credential is the tenant's install for exactly that target.
 */
export type ConnectionTarget =
  /** `teamId` unset: the tenant's one Slack workspace (a step naming none, e.g. `post #general …` from the API). */
  | { provider: "slack"; teamId?: string | undefined }
  | { provider: "github"; owner: string; repo: string }
  /** `phoneNumberId` unset: the tenant's one registered Meta number sends. */
  | { provider: "meta"; phoneNumberId?: string | undefined }
  /** `from` unset: the tenant's one registered Twilio sender sends. */
  | { provider: "twilio"; from?: string | undefined };

export type ConnectionTargetProvider = ConnectionTarget["provider"];

/** A human name for a target, for NOT_CONNECTED messages (never a credential). */
export function describeTarget(target: ConnectionTarget): string {
  switch (target.provider) {
    case "slack":
      return target.teamId === undefined ? "a Slack workspace" : `Slack team ${target.teamId}`;
    case "github":
      return `GitHub repository ${target.owner}/${target.repo}`;
    case "meta":
      return target.phoneNumberId === undefined ? "a WhatsApp (Meta) number" : `Meta phone number id ${target.phoneNumberId}`;
    case "twilio":
      return target.from === undefined ? "a Twilio sender" : `Twilio sender ${target.from}`;
  }
}
