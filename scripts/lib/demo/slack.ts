import { createHmac } from "node:crypto";
import { expect, say } from "./output.ts";

export interface SlashCommand {
  team: string;
  channel: string;
  user: string;
  text: string;
  /** Where Slack would take the command's answers; the demos point it at their provider stand-in. */
  responseUrl: string;
}

/** Sends `/cp <text>` to the Worker as Slack does: form-encoded, signed with the v0 HMAC of the signing secret. */
export async function sendSlashCommand(base: string, signingSecret: string, command: SlashCommand): Promise<void> {
  const form = new URLSearchParams({
    token: "legacy-verification-token-unused",
    team_id: command.team,
    team_domain: "acme",
    channel_id: command.channel,
    channel_name: "ops",
    user_id: command.user,
    user_name: "ada",
    command: "/cp",
    text: command.text,
    response_url: command.responseUrl,
    trigger_id: `${Date.now()}.1.demo`,
    api_app_id: "A0DEMO",
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${ts}:${form}`).digest("hex")}`;
  const ack = await fetch(`${base}/webhooks/slack`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
    body: form,
  });
  const ackText = await ack.text();
  expect(ack.status === 200, `the webhook answered ${ack.status}: ${ackText}`);
  say(`x-slack-signature: ${signature.slice(0, 20)}…  →  ${ack.status} ${ackText}`);
}

export interface ButtonPress {
  team: string;
  channel: string;
  user: string;
  actionId: string;
  value: string;
  responseUrl: string;
}

/** Presses a button of a message the control plane posted, as Slack delivers it: a signed `block_actions` interactivity payload. */
export async function pressSlackButton(base: string, signingSecret: string, press: ButtonPress): Promise<void> {
  const payload = {
    type: "block_actions",
    user: { id: press.user, username: press.user.toLowerCase(), team_id: press.team },
    api_app_id: "A0DEMO",
    token: "legacy-verification-token-unused",
    container: { type: "message", message_ts: "1700000000.000900", channel_id: press.channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.${press.user}.demo`,
    team: { id: press.team, domain: "acme" },
    channel: { id: press.channel, name: "ops" },
    message: { type: "message", ts: "1700000000.000900", text: "Confirm this plan?" },
    response_url: press.responseUrl,
    actions: [{ type: "button", block_id: "cp.plan", action_id: press.actionId, value: press.value, action_ts: `${Math.floor(Date.now() / 1000)}.000100` }],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${ts}:${form}`).digest("hex")}`;
  const res = await fetch(`${base}/webhooks/slack`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
    body: form,
  });
  const text = await res.text();
  expect(res.status === 200, `the button press answered ${res.status}: ${text}`);
  say(`${press.user} pressed ${press.actionId}: signed block_actions delivery → ${res.status}${text === "" ? "" : ` ${text.slice(0, 120)}`}`);
}
