import { utf8 } from "../../workers/channels/bytes.ts";
import { hubSignature, slackSignature, twilioSignature } from "../channels/support/sign.ts";

/**
 * Confirms a channel binding the real way, for every test, script and benchmark that needs an active one:
 * create it through the API (it is `pending`), then send, signed as the provider signs, the in-channel
 * delivery carrying `/cp bind <code>` from that very team, repository, installation or number. Works against
 * the Worker in workerd (`exports.default.fetch`) and a local `wrangler dev` alike: only `send` differs.
 */

export type Provider = "slack" | "github" | "meta" | "twilio";

export interface BindingRequest {
  provider: Provider;
  externalId: string;
  grant?: unknown;
}

/** The webhook secrets of the deployment under test; only the one for the binding's provider is needed. */
export interface WebhookSecrets {
  SLACK_SIGNING_SECRET?: string;
  GITHUB_WEBHOOK_SECRET?: string;
  META_APP_SECRET?: string;
  TWILIO_AUTH_TOKEN?: string;
  /** The public URL Twilio signs. */
  TWILIO_WEBHOOK_URL?: string;
}

/** Sends a request to the Worker at `path` (`/v1/…` or `/webhooks/…`). */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

export interface BindOptions {
  /** GitHub installation bindings: the repository (inside the installation) the bind comment is posted in. */
  repository?: string;
  /** GitHub: the commenter's association with the repository (owners, members and collaborators may bind). */
  authorAssociation?: string;
  /** Epoch milliseconds for Slack's signature timestamp; defaults to now. */
  nowMs?: number;
}

export interface ConfirmedBinding {
  provider: Provider;
  externalId: string;
  tenantId: string;
  status: string;
  [field: string]: unknown;
}

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(++sequence).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function secret(secrets: WebhookSecrets, name: keyof WebhookSecrets): string {
  const value = secrets[name];
  if (value === undefined || value.length === 0) throw new Error(`confirming this binding needs ${name}`);
  return value;
}

/** The signed delivery from inside the channel whose text is `/cp bind <code>`: `{ path, init }` to send. */
export async function bindDelivery(binding: Pick<BindingRequest, "provider" | "externalId">, code: string, secrets: WebhookSecrets, options: BindOptions = {}): Promise<{ path: string; init: RequestInit }> {
  const text = `bind ${code}`;
  switch (binding.provider) {
    case "slack": {
      const body = new URLSearchParams({ team_id: binding.externalId, team_domain: "bind", channel_id: "C0BIND", user_id: "U0BINDADMIN", command: "/cp", text, trigger_id: `bind.${unique()}`, api_app_id: "A0BIND" }).toString();
      const timestamp = String(Math.floor((options.nowMs ?? Date.now()) / 1000));
      const signature = await slackSignature(secret(secrets, "SLACK_SIGNING_SECRET"), timestamp, utf8(body));
      return { path: "/webhooks/slack", init: { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature } } };
    }
    case "github": {
      const installation = binding.externalId.startsWith("installation:") ? Number(binding.externalId.slice("installation:".length)) : undefined;
      const repository = installation === undefined ? binding.externalId : (options.repository ?? "bind-probe/repository");
      const [owner = "", name = ""] = repository.split("/");
      const payload = {
        action: "created",
        issue: { number: 1, title: "Bind", state: "open" },
        comment: { id: Math.floor(Math.random() * 1e12), body: `/cp ${text}`, user: { login: "admin", id: 4242, type: "User" }, author_association: options.authorAssociation ?? "OWNER" },
        repository: { id: 1, name, full_name: repository, owner: { login: owner } },
        sender: { login: "admin", id: 4242, type: "User" },
        ...(installation === undefined ? {} : { installation: { id: installation } }),
      };
      const body = JSON.stringify(payload);
      const signature = await hubSignature(secret(secrets, "GITHUB_WEBHOOK_SECRET"), utf8(body));
      return {
        path: "/webhooks/github",
        init: { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": `bind-${unique()}`, "x-github-hook-id": "4242", "x-hub-signature-256": signature } },
      };
    }
    case "meta": {
      const message = { from: "16505550000", id: `wamid.BIND${unique()}`, timestamp: "1764072000", type: "text", text: { body: `/cp ${text}` } };
      const payload = { object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { phone_number_id: binding.externalId }, messages: [message] } }] }] };
      const body = JSON.stringify(payload);
      const signature = await hubSignature(secret(secrets, "META_APP_SECRET"), utf8(body));
      return { path: "/webhooks/whatsapp", init: { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } } };
    }
    case "twilio": {
      const sid = `SM${unique()}`.padEnd(34, "0").slice(0, 34);
      const pairs: [string, string][] = [
        ["MessageSid", sid],
        ["AccountSid", "AC00000000000000000000000000000000"],
        ["From", "whatsapp:+16505550000"],
        ["To", `whatsapp:${binding.externalId}`],
        ["Body", `/cp ${text}`],
      ];
      const signature = await twilioSignature(secret(secrets, "TWILIO_AUTH_TOKEN"), secret(secrets, "TWILIO_WEBHOOK_URL"), pairs);
      const path = `/webhooks/twilio${new URL(secret(secrets, "TWILIO_WEBHOOK_URL")).search}`;
      return { path, init: { method: "POST", body: new URLSearchParams(pairs).toString(), headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature } } };
    }
  }
}

/** POST /v1/channel-bindings, answered with the pending binding and its code. */
export async function createBinding(send: Send, adminKey: string, request: BindingRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await send("/v1/channel-bindings", { method: "POST", headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" }, body: JSON.stringify(request) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Creates the binding and confirms it from inside its channel; throws unless the API then lists it confirmed. */
export async function confirmBinding(send: Send, adminKey: string, request: BindingRequest, secrets: WebhookSecrets, options: BindOptions = {}): Promise<ConfirmedBinding> {
  const created = await createBinding(send, adminKey, request);
  if (created.status !== 201) throw new Error(`binding create answered ${created.status}: ${JSON.stringify(created.body)}`);
  const confirmation = created.body.confirmation as { code?: unknown } | null | undefined;
  if (confirmation !== null && confirmation !== undefined) {
    if (typeof confirmation.code !== "string") throw new Error(`binding create answered no code: ${JSON.stringify(created.body)}`);
    const delivery = await bindDelivery(request, confirmation.code, secrets, options);
    const ack = await send(delivery.path, delivery.init);
    if (!ack.ok) throw new Error(`bind delivery answered ${ack.status}: ${await ack.text()}`);
  }
  const listed = await send(`/v1/channel-bindings?provider=${request.provider}&limit=100`, { headers: { authorization: `Bearer ${adminKey}` } });
  const page = (await listed.json()) as { items?: ConfirmedBinding[] };
  const binding = page.items?.find((b) => b.externalId === request.externalId);
  if (binding?.status !== "confirmed") throw new Error(`binding ${request.provider}:${request.externalId} is not confirmed: ${JSON.stringify(binding)}`);
  return binding;
}
