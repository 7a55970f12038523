/**
 * Everything the tool adapters read from configuration, built once from the environment
 * (`providerConfigFromEnv`) and validated there, so a bad URL fails at start and not mid-execution.
 * A provider section is absent when its credentials are not configured; tools that need it then fail
 * with `NOT_CONFIGURED`.
 */
export interface ProviderConfig {
  slack?: SlackConfig;
  github?: GithubConfig;
  meta?: MetaConfig;
  twilio?: TwilioConfig;
  /** Which provider `whatsapp.message.send` goes through. */
  whatsappProvider: "meta" | "twilio";
  http: HttpToolConfig;
  /** Per provider request, including reading the answer. */
  timeoutMs: number;
}

export interface SlackConfig {
  apiUrl: string;
  botToken: string;
}

export interface GithubConfig {
  apiUrl: string;
  token: string;
}

export interface MetaConfig {
  graphUrl: string;
  /** Graph API version path segment, e.g. `v21.0`. */
  graphVersion: string;
  accessToken: string;
  /** Sender for `whatsapp.message.send`; replies use the number the message came to. */
  phoneNumberId?: string;
}

export interface TwilioConfig {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** Sender for `whatsapp.message.send`, e.g. `whatsapp:+14155238886`; replies use the number the message came to. */
  whatsappFrom?: string;
}

export interface HttpToolConfig {
  /** `host`, `host:port` or `*.domain` (no port: the scheme's default only). Nothing else is reachable; an empty list refuses every request. */
  allowedHosts: readonly string[];
  /** Tests only: lets allowlisted loopback addresses through. Other private ranges stay refused. */
  allowLoopback: boolean;
  maxResponseBytes: number;
}

export const defaults = {
  slackApiUrl: "https://slack.com/api",
  githubApiUrl: "https://api.github.com",
  metaGraphUrl: "https://graph.facebook.com",
  /** The newest Graph API version confirmed when this was written (v24.0, October 2025); override with META_GRAPH_VERSION. */
  metaGraphVersion: "v24.0",
  twilioApiUrl: "https://api.twilio.com",
  httpMaxResponseBytes: 1024 * 1024,
  timeoutMs: 10_000,
} as const;

/** The configuration names `providerConfigFromEnv` reads; all optional strings. */
export interface ProviderEnv {
  SLACK_API_URL?: string;
  SLACK_BOT_TOKEN?: string;
  GITHUB_API_URL?: string;
  GITHUB_TOKEN?: string;
  META_GRAPH_URL?: string;
  META_GRAPH_VERSION?: string;
  META_ACCESS_TOKEN?: string;
  META_PHONE_NUMBER_ID?: string;
  TWILIO_API_URL?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_WHATSAPP_FROM?: string;
  WHATSAPP_PROVIDER?: string;
  HTTP_TOOL_ALLOWED_HOSTS?: string;
  HTTP_TOOL_ALLOW_LOOPBACK?: string;
  HTTP_TOOL_MAX_RESPONSE_BYTES?: string;
}

export class ProviderConfigError extends Error {
  override readonly name = "ProviderConfigError";
}

export function providerConfigFromEnv(env: ProviderEnv): ProviderConfig {
  const config: ProviderConfig = {
    whatsappProvider: whatsappProvider(env.WHATSAPP_PROVIDER),
    http: {
      allowedHosts: list(env.HTTP_TOOL_ALLOWED_HOSTS),
      allowLoopback: env.HTTP_TOOL_ALLOW_LOOPBACK === "true",
      maxResponseBytes: positiveInt("HTTP_TOOL_MAX_RESPONSE_BYTES", env.HTTP_TOOL_MAX_RESPONSE_BYTES, defaults.httpMaxResponseBytes),
    },
    timeoutMs: defaults.timeoutMs,
  };
  const slackToken = present(env.SLACK_BOT_TOKEN);
  if (slackToken !== undefined) {
    config.slack = { apiUrl: baseUrl("SLACK_API_URL", env.SLACK_API_URL, defaults.slackApiUrl), botToken: slackToken };
  }
  const githubToken = present(env.GITHUB_TOKEN);
  if (githubToken !== undefined) {
    config.github = { apiUrl: baseUrl("GITHUB_API_URL", env.GITHUB_API_URL, defaults.githubApiUrl), token: githubToken };
  }
  const metaToken = present(env.META_ACCESS_TOKEN);
  if (metaToken !== undefined) {
    const phoneNumberId = present(env.META_PHONE_NUMBER_ID);
    config.meta = {
      graphUrl: baseUrl("META_GRAPH_URL", env.META_GRAPH_URL, defaults.metaGraphUrl),
      graphVersion: graphVersion(env.META_GRAPH_VERSION),
      accessToken: metaToken,
      ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    };
  }
  const twilioSid = present(env.TWILIO_ACCOUNT_SID);
  const twilioToken = present(env.TWILIO_AUTH_TOKEN);
  if (twilioSid !== undefined && twilioToken !== undefined) {
    const whatsappFrom = present(env.TWILIO_WHATSAPP_FROM);
    config.twilio = {
      apiUrl: baseUrl("TWILIO_API_URL", env.TWILIO_API_URL, defaults.twilioApiUrl),
      accountSid: twilioSid,
      authToken: twilioToken,
      ...(whatsappFrom === undefined ? {} : { whatsappFrom }),
    };
  }
  return config;
}

/** Every provider's base URL, whether or not a deployment-wide credential is configured: per-tenant installs use them too. */
export interface ProviderUrls {
  slack: string;
  github: string;
  meta: { graphUrl: string; graphVersion: string };
  twilio: string;
}

export function providerUrlsFromEnv(env: ProviderEnv): ProviderUrls {
  return {
    slack: baseUrl("SLACK_API_URL", env.SLACK_API_URL, defaults.slackApiUrl),
    github: baseUrl("GITHUB_API_URL", env.GITHUB_API_URL, defaults.githubApiUrl),
    meta: { graphUrl: baseUrl("META_GRAPH_URL", env.META_GRAPH_URL, defaults.metaGraphUrl), graphVersion: graphVersion(env.META_GRAPH_VERSION) },
    twilio: baseUrl("TWILIO_API_URL", env.TWILIO_API_URL, defaults.twilioApiUrl),
  };
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function baseUrl(name: string, value: string | undefined, fallback: string): string {
  const url = present(value) ?? fallback;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new ProviderConfigError(`${name} must be an http(s) URL`);
  }
  return url;
}

function whatsappProvider(value: string | undefined): "meta" | "twilio" {
  const provider = present(value) ?? "meta";
  if (provider !== "meta" && provider !== "twilio") {
    throw new ProviderConfigError("WHATSAPP_PROVIDER must be `meta` or `twilio`");
  }
  return provider;
}

function graphVersion(value: string | undefined): string {
  const version = present(value) ?? defaults.metaGraphVersion;
  if (!/^v\d+\.\d+$/.test(version)) throw new ProviderConfigError("META_GRAPH_VERSION must look like `v21.0`");
  return version;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  const text = present(value);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new ProviderConfigError(`${name} must be a positive integer`);
  return n;
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
}
