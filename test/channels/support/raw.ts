import { utf8 } from "../../../workers/channels/bytes.ts";
import { sha256Hex } from "../../../workers/channels/crypto.ts";
import type { VerifiedDelivery } from "../../../workers/channels/normalize.ts";
import type { ChannelBinding, ResolveTenant } from "../../../workers/channels/sink.ts";

export const RECEIVED_AT = "2026-11-25T12:00:00.000Z";

/** What the route hands a normalizer once the signature held. */
export async function verifiedDelivery(body: string, headers: Record<string, string> = {}): Promise<VerifiedDelivery> {
  const bytes = utf8(body);
  return { body: bytes, headers: new Headers(headers), payloadDigest: await sha256Hex(bytes), receivedAt: RECEIVED_AT };
}

/** A resolver that records every binding it was asked about; `null` binds nothing. */
export function recordingResolver(tenant: string | null = "acme") {
  const asked: ChannelBinding[] = [];
  const resolve: ResolveTenant = async (binding) => {
    asked.push(binding);
    return tenant === null ? undefined : { tenantId: tenant };
  };
  return { resolve, asked };
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" };
export const JSON_TYPE = { "content-type": "application/json" };
