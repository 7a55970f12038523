/**
 * The channels a deployment can serve: the secrets that open each webhook route (a route whose secrets are not
 * set answers 404) and the path to give the provider. Shared by `npm run deploy` and docs/deploy.md.
 */
export interface ChannelProvider {
  name: string;
  path: string;
  /** All of them open the route; some but not all is a mistake the deploy refuses. */
  inbound: readonly string[];
  /** Outbound credential for replies and tools; optional. */
  outbound: readonly string[];
  where: string;
}

export const channelProviders: readonly ChannelProvider[] = [
  {
    name: "Slack",
    path: "/webhooks/slack",
    inbound: ["SLACK_SIGNING_SECRET"],
    outbound: ["SLACK_BOT_TOKEN"],
    where: "slash command Request URL, Interactivity Request URL and Event Subscriptions Request URL (deploy/slack-app-manifest.json)",
  },
  {
    name: "GitHub",
    path: "/webhooks/github",
    inbound: ["GITHUB_WEBHOOK_SECRET"],
    outbound: ["GITHUB_TOKEN"],
    where: "repository or organization Settings → Webhooks → Payload URL (content type application/json)",
  },
  {
    name: "WhatsApp (Meta)",
    path: "/webhooks/whatsapp",
    inbound: ["META_APP_SECRET", "META_VERIFY_TOKEN"],
    outbound: ["META_ACCESS_TOKEN"],
    where: "Meta app → WhatsApp → Configuration → Webhook → Callback URL (verify token: META_VERIFY_TOKEN)",
  },
  {
    name: "Twilio",
    path: "/webhooks/twilio",
    inbound: ["TWILIO_AUTH_TOKEN"],
    outbound: ["TWILIO_ACCOUNT_SID"],
    where: "Twilio console → the number or WhatsApp sender → A message comes in → Webhook, HTTP POST",
  },
];
