import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Secrets `npm start` needs locally; each gets a fresh random value unless `.dev.vars` already sets it. */
export function localSecretDefaults(port: number): Record<string, string> {
  const random = () => randomBytes(24).toString("base64url");
  return {
    ADMIN_BOOTSTRAP_TOKEN: random(),
    APPROVAL_SIGNING_KEY: random(),
    SLACK_SIGNING_SECRET: random(),
    GITHUB_WEBHOOK_SECRET: random(),
    META_APP_SECRET: random(),
    META_VERIFY_TOKEN: random(),
    TWILIO_AUTH_TOKEN: random(),
    TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString("hex")}`,
    TWILIO_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/twilio`,
    DEFAULT_TENANT: "local",
    // runtime/credentials/keyring.ts: `<keyId>:<base64url of 32 bytes>`.
    CREDENTIALS_KEY: `local1:${randomBytes(32).toString("base64url")}`,
  };
}

/**
 * Outbound credentials wrangler.jsonc lists as required but `npm start` cannot invent: written empty (the
 * provider stays unconfigured) so wrangler dev does not warn, and so an operator sees where to put a real one.
 */
export const localOutboundCredentials = ["SLACK_BOT_TOKEN", "GITHUB_TOKEN", "META_ACCESS_TOKEN", "SLACK_CLIENT_SECRET", "GITHUB_APP_PRIVATE_KEY"] as const;

export function parseDevVars(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) vars.set(match[1], match[2]);
  }
  return vars;
}

/** Adds whatever is missing to `.dev.vars`, never overwriting a value the operator set. Returns the names added. */
export function ensureDevVars(path: string, port: number): string[] {
  const existing = existsSync(path) ? readFileSync(path, "utf8") : "";
  const present = parseDevVars(existing);
  const wanted = { ...localSecretDefaults(port), ...Object.fromEntries(localOutboundCredentials.map((name) => [name, ""])) };
  const added = Object.entries(wanted).filter(([name]) => !present.has(name));
  if (added.length > 0) {
    const lines = added.map(([name, value]) => `${name}="${value}"`).join("\n");
    const header = existing === "" ? "# Local secrets for wrangler dev, created by `npm start`. Not committed.\n" : "";
    writeFileSync(path, `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}${header}${lines}\n`, {
      mode: 0o600,
    });
  }
  return added.map(([name]) => name);
}
