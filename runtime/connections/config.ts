import { defaults } from "../tools/config.ts";

/** The configuration names the install flows read; each flow is off (its routes answer 404) until its names are set. */
export interface ConnectEnv {
  PUBLIC_BASE_URL?: string;
  /** Signs install `state` values (with its own domain prefix, so a state is never an approval token). */
  APPROVAL_SIGNING_KEY?: string;
  SLACK_CLIENT_ID?: string;
  SLACK_CLIENT_SECRET?: string;
  /** Default `https://slack.com/oauth/v2/authorize`; tests point it at the stand-in. */
  SLACK_AUTHORIZE_URL?: string;
  /** Comma-separated bot scopes requested at install; default `defaultSlackScopes`. */
  SLACK_SCOPES?: string;
  SLACK_API_URL?: string;
  GITHUB_APP_ID?: string;
  /** The App's private key, PEM: PKCS#8 (`BEGIN PRIVATE KEY`) or the PKCS#1 file GitHub hands out (`BEGIN RSA PRIVATE KEY`). */
  GITHUB_APP_PRIVATE_KEY?: string;
  /** `https://github.com/apps/<app slug>/installations/new`: where `GET /connect/github` sends the admin. */
  GITHUB_APP_INSTALL_URL?: string;
  GITHUB_API_URL?: string;
  CREDENTIALS_KEY?: string;
}

/** The bot scopes of deploy/slack-app-manifest.json (scripts/slack-manifest.ts): mentions, DMs, `/cp`, posting. */
export const defaultSlackScopes = "app_mentions:read,chat:write,commands,im:history";

export interface SlackInstallConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  apiUrl: string;
  scopes: string;
  redirectUri: string;
  stateSecret: string;
}

export interface GithubAppConfig {
  appId: string;
  privateKeyPem: string;
  apiUrl: string;
}

export interface GithubInstallConfig extends GithubAppConfig {
  installUrl: string;
  stateSecret: string;
}

const set = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value.trim());

export function slackInstallConfig(env: ConnectEnv): SlackInstallConfig | undefined {
  const clientId = set(env.SLACK_CLIENT_ID);
  const clientSecret = set(env.SLACK_CLIENT_SECRET);
  const base = set(env.PUBLIC_BASE_URL);
  const stateSecret = set(env.APPROVAL_SIGNING_KEY);
  if (clientId === undefined || clientSecret === undefined || base === undefined || stateSecret === undefined) return undefined;
  return {
    clientId,
    clientSecret,
    authorizeUrl: set(env.SLACK_AUTHORIZE_URL) ?? "https://slack.com/oauth/v2/authorize",
    apiUrl: set(env.SLACK_API_URL) ?? defaults.slackApiUrl,
    scopes: set(env.SLACK_SCOPES) ?? defaultSlackScopes,
    redirectUri: `${base.replace(/\/+$/, "")}/connect/slack/callback`,
    stateSecret,
  };
}

export function githubAppConfig(env: ConnectEnv): GithubAppConfig | undefined {
  const appId = set(env.GITHUB_APP_ID);
  const privateKeyPem = set(env.GITHUB_APP_PRIVATE_KEY);
  if (appId === undefined || privateKeyPem === undefined) return undefined;
  return { appId, privateKeyPem, apiUrl: set(env.GITHUB_API_URL) ?? defaults.githubApiUrl };
}

export function githubInstallConfig(env: ConnectEnv): GithubInstallConfig | undefined {
  const app = githubAppConfig(env);
  const installUrl = set(env.GITHUB_APP_INSTALL_URL);
  const stateSecret = set(env.APPROVAL_SIGNING_KEY);
  if (app === undefined || installUrl === undefined || stateSecret === undefined) return undefined;
  return { ...app, installUrl, stateSecret };
}
