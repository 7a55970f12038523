import type { ProviderConfig } from "./config.ts";
import { githubClient, type GithubClient } from "./providers/github.ts";
import { metaClient, type MetaClient } from "./providers/meta.ts";
import { slackClient, type SlackClient } from "./providers/slack.ts";
import type { Transport } from "./providers/transport.ts";
import { twilioClient, type TwilioClient } from "./providers/twilio.ts";

export type ProviderKey = "slack" | "github" | "meta" | "twilio";

/** Provider clients built on demand from configuration; asking for an unconfigured one throws `NotConfiguredError`. */
export interface Clients {
  slack(): SlackClient;
  github(): GithubClient;
  meta(): MetaClient;
  twilio(): TwilioClient;
}

export class NotConfiguredError extends Error {
  override readonly name = "NotConfiguredError";
}

export function missingProviders(config: ProviderConfig, needs: readonly ProviderKey[]): ProviderKey[] {
  return needs.filter((key) => config[key] === undefined);
}

export function clientsFor(config: ProviderConfig, transport: Transport): Clients {
  return {
    slack: () => slackClient(section(config.slack, "slack"), transport),
    github: () => githubClient(section(config.github, "github"), transport),
    meta: () => metaClient(section(config.meta, "meta"), transport),
    twilio: () => twilioClient(section(config.twilio, "twilio"), transport),
  };
}

function section<T>(value: T | undefined, key: ProviderKey): T {
  if (value === undefined) throw new NotConfiguredError(`provider ${key} is not configured`);
  return value;
}
