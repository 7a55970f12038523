import { env, exports } from "cloudflare:workers";
import { utf8 } from "../../workers/channels/bytes.ts";
import { slackSignature } from "../channels/support/sign.ts";
import { type Admin, call } from "../support/api.ts";

/** A GET whose redirect is answered, not followed (the Worker's own fetch would follow it into itself). */
export function getManual(path: string, key?: string): Promise<Response> {
  return exports.default.fetch(`http://cp.test${path}`, { redirect: "manual", headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
}

/** `GET /connect/slack` as the admin: the state from the redirect to Slack's consent screen. */
export async function startSlackInstall(admin: Admin): Promise<string> {
  const res = await getManual("/connect/slack", admin.key);
  if (res.status !== 302) throw new Error(`connect/slack: ${res.status} ${await res.text()}`);
  const state = new URL(res.headers.get("location") ?? "").searchParams.get("state");
  if (state === null) throw new Error("no state in the redirect");
  return state;
}

/** Slack redirecting the admin's browser back, with the stand-in's code for `team`. */
export function slackCallback(state: string, team: string): Promise<Response> {
  return call("GET", `/connect/slack/callback?code=code-${team}&state=${encodeURIComponent(state)}`);
}

export async function installSlack(admin: Admin, team: string): Promise<void> {
  const res = await slackCallback(await startSlackInstall(admin), team);
  if (res.status !== 200) throw new Error(`slack callback: ${res.status} ${await res.text()}`);
}

/** A Slack Events API delivery signed now, as Slack signs it. */
export async function slackEvent(payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await slackSignature(env.SLACK_SIGNING_SECRET ?? "", timestamp, utf8(body));
  return call("POST", "/webhooks/slack", { body, headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature } });
}
