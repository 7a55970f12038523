import { randomBytes } from "node:crypto";

const secret = () => randomBytes(24).toString("base64url");

/** The demos' tenant and the Slack workspace bound to it. */
export const TENANT = "acme";
export const TEAM = "T0DEMO";
/** This run's secrets: fresh every run, known only to this process and the Worker it starts. */
export const SLACK_SIGNING_SECRET = secret();
export const BOOTSTRAP_TOKEN = secret();

/** The local control plane's configuration in the demos: Slack's and GitHub's APIs at the provider stand-in, then `extra`. */
export function demoVars(providersUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    APPROVAL_SIGNING_KEY: secret(),
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: `${providersUrl}/api`,
    SLACK_BOT_TOKEN: "xoxb-demo",
    GITHUB_API_URL: providersUrl,
    GITHUB_TOKEN: "ghp_demo",
    PUBLIC_BASE_URL: "http://control-plane.local",
    ...extra,
  };
}
