import { utf8 } from "../../../workers/channels/bytes.ts";
import { ENV, NOW_S } from "./app.ts";
import { hubSignature, slackSignature, twilioSignature } from "./sign.ts";

const FORM = "application/x-www-form-urlencoded";

export async function slackRequest(body: string, contentType: string, extra: Record<string, string> = {}): Promise<RequestInit> {
  const timestamp = String(NOW_S);
  return {
    method: "POST",
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": await slackSignature(ENV.SLACK_SIGNING_SECRET, timestamp, utf8(body)),
      ...extra,
    },
  };
}

export const slackJson = (payload: unknown, extra: Record<string, string> = {}) => slackRequest(JSON.stringify(payload), "application/json", extra);
export const slackForm = (form: string) => slackRequest(form, FORM);

/** A GitHub delivery of `body`, signed with `secret` as GitHub signs (X-Hub-Signature-256). */
export async function githubSignedWith(secret: string, event: string, body: string, delivery: string): Promise<RequestInit> {
  return {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": delivery,
      "x-github-hook-id": "12345678",
      "x-hub-signature-256": await hubSignature(secret, utf8(body)),
    },
  };
}

/** A WhatsApp Cloud API delivery of `payload`, signed with the app secret `secret`. */
export async function metaSignedWith(secret: string, payload: unknown): Promise<RequestInit> {
  const body = JSON.stringify(payload);
  return { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": await hubSignature(secret, utf8(body)) } };
}

export function githubRequest(event: string, payload: unknown, delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958"): Promise<RequestInit> {
  return githubSignedWith(ENV.GITHUB_WEBHOOK_SECRET, event, `${JSON.stringify(payload, null, 2)}\n`, delivery);
}

export function metaRequest(payload: unknown): Promise<RequestInit> {
  return metaSignedWith(ENV.META_APP_SECRET, payload);
}

export async function twilioFormRequest(params: Record<string, string>, headers: Record<string, string> = {}): Promise<RequestInit> {
  const pairs = Object.entries(params);
  return {
    method: "POST",
    body: new URLSearchParams(pairs).toString(),
    headers: {
      "content-type": FORM,
      "x-twilio-signature": await twilioSignature(ENV.TWILIO_AUTH_TOKEN, ENV.TWILIO_WEBHOOK_URL, pairs),
      ...headers,
    },
  };
}
