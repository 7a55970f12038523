import type { ProviderConfig } from "../../../runtime/tools/config.ts";

/** Every provider configured, each pointed at a host that exists only in the fake fetch. */
export function testConfig(overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    slack: { apiUrl: "http://slack.test/api", botToken: "xoxb-test" },
    github: { apiUrl: "http://github.test", token: "ghp_test" },
    meta: { graphUrl: "http://graph.test", graphVersion: "v21.0", accessToken: "meta-token", phoneNumberId: "1111" },
    twilio: { apiUrl: "http://twilio.test", accountSid: "AC123", authToken: "twilio-token", whatsappFrom: "+14155238886" },
    whatsappProvider: "meta",
    http: { allowedHosts: ["api.example.com"], allowLoopback: false, maxResponseBytes: 1024 },
    timeoutMs: 1000,
    ...overrides,
  };
}

/** Pinned clock for Retry-After dates. */
export const now = Date.parse("2026-01-01T00:00:00Z");
