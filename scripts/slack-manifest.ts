import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { builtinTools } from "../contracts/tools/index.ts";

/**
 * `node scripts/slack-manifest.ts [--check]` writes deploy/slack-app-manifest.json, the Slack app manifest for a
 * deployment (docs/deploy.md), from the tool contracts: every built-in tool that can speak in Slack needs
 * `chat:write`; the inbound surfaces are the ones workers/channels/slack-normalize.ts accepts (the `/cp` slash
 * command, app mentions, direct messages, Approve/Reject buttons), all on one Request URL. `--check` fails when
 * the checked-in file differs (test/scripts/slack-manifest.node-test.ts).
 */
const ROOT = join(import.meta.dirname, "..");
export const MANIFEST_PATH = join(ROOT, "deploy", "slack-app-manifest.json");
/** Replaced by the deployment's origin when the manifest is pasted; `npm run deploy` prints the real URL. */
const URL_PLACEHOLDER = "https://YOUR-CONTROL-PLANE-HOST/webhooks/slack";
const CALLBACK_PLACEHOLDER = "https://YOUR-CONTROL-PLANE-HOST/connect/slack/callback";
/** Tools whose calls post into a Slack conversation when the intent came from Slack. */
const SPEAKS_IN_SLACK = new Set(["slack.message.post", "channel.reply"]);

export function slackManifest(): unknown {
  const speaking = builtinTools.filter((tool) => SPEAKS_IN_SLACK.has(tool.key));
  if (speaking.length !== SPEAKS_IN_SLACK.size) throw new Error(`tool contracts changed: expected ${[...SPEAKS_IN_SLACK].join(", ")}; update the scopes`);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Control Plane",
      description: "Governed agent runtime: /cp asks, approvers approve.",
    },
    features: {
      bot_user: { display_name: "control-plane", always_online: true },
      slash_commands: [
        { command: "/cp", url: URL_PLACEHOLDER, description: "Ask the control plane", usage_hint: "close acme/app#1 then reply done", should_escape: false },
      ],
    },
    oauth_config: {
      // Per-tenant installs: "Add to Slack" (GET /connect/slack) returns here with the code (docs/connections.md).
      redirect_urls: [CALLBACK_PLACEHOLDER],
      scopes: {
        // app_mentions:read and im:history receive the events below; chat:write is for the tools that speak in
        // Slack (SPEAKS_IN_SLACK) and for approval notices; commands is for /cp.
        bot: ["app_mentions:read", "chat:write", "commands", "im:history"],
      },
    },
    settings: {
      event_subscriptions: { request_url: URL_PLACEHOLDER, bot_events: ["app_mention", "message.im", "app_uninstalled", "tokens_revoked"] },
      interactivity: { is_enabled: true, request_url: URL_PLACEHOLDER },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

export function renderManifest(): string {
  return `${JSON.stringify(slackManifest(), null, 2)}\n`;
}

if (import.meta.main) {
  if (process.argv.includes("--check")) {
    if (readFileSync(MANIFEST_PATH, { encoding: "utf8", flag: "a+" }) !== renderManifest()) {
      console.error("deploy/slack-app-manifest.json is stale: run `node scripts/slack-manifest.ts` and commit it");
      process.exit(1);
    }
  } else {
    writeFileSync(MANIFEST_PATH, renderManifest());
    console.log("wrote deploy/slack-app-manifest.json");
  }
}
