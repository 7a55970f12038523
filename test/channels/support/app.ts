import type { LogEntry } from "../../../workers/channels/ingest.ts";
import { type ChannelEnv, webhookRoutes } from "../../../workers/channels/routes.ts";
import type { AcceptResult, ChannelBinding, IngestSink, NormalizedDelivery, ResolveTenant } from "../../../workers/channels/sink.ts";

export const ENV = {
  SLACK_SIGNING_SECRET: "slack-signing-secret",
  GITHUB_WEBHOOK_SECRET: "github-webhook-secret",
  META_VERIFY_TOKEN: "meta-verify-token",
  META_APP_SECRET: "meta-app-secret",
  TWILIO_AUTH_TOKEN: "twilio-auth-token",
  TWILIO_WEBHOOK_URL: "https://cp.example.com/webhooks/twilio",
} satisfies ChannelEnv;

/** 2026-11-25T12:00:00Z */
export const NOW_MS = Date.UTC(2026, 10, 25, 12, 0, 0);
export const NOW_S = NOW_MS / 1000;

/** Dedupe as the runtime will: by delivery id, with the digest telling a retry from a conflict. */
export class MemorySink implements IngestSink {
  readonly deliveries: NormalizedDelivery[] = [];
  readonly #digests = new Map<string, string>();

  async accept(delivery: NormalizedDelivery): Promise<AcceptResult> {
    const key = `${delivery.provider}:${delivery.deliveryId}`;
    const seen = this.#digests.get(key);
    if (seen !== undefined) return { status: seen === delivery.payloadDigest ? "duplicate" : "conflict" };
    this.#digests.set(key, delivery.payloadDigest);
    this.deliveries.push(delivery);
    return { status: "new" };
  }
}

export class FailingSink implements IngestSink {
  async accept(): Promise<AcceptResult> {
    throw new Error("D1 unavailable");
  }
}

const TENANTS = new Map<string, string>([
  ["slack:T0001", "acme"],
  ["github:acme/widgets", "acme"],
  ["meta:106540352242922", "acme"],
  ["twilio:+14155238886", "acme"],
]);

export const resolveTestTenant: ResolveTenant = async (binding: ChannelBinding) => {
  const tenantId = TENANTS.get(bindingKey(binding));
  return tenantId === undefined ? undefined : { tenantId };
};

function bindingKey(binding: ChannelBinding): string {
  switch (binding.provider) {
    case "slack":
      return `slack:${binding.teamId}`;
    case "github":
      return `github:${binding.repository}`;
    case "meta":
      return `meta:${binding.phoneNumberId}`;
    case "twilio":
      return `twilio:${binding.number}`;
  }
}

export function testApp(sink: IngestSink = new MemorySink()) {
  const logs: LogEntry[] = [];
  const app = webhookRoutes(() => ({ sink, resolveTenant: resolveTestTenant }), { now: () => NOW_MS, log: (entry) => logs.push(entry) });
  return { app, logs };
}
