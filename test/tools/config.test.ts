import { describe, expect, it } from "vitest";
import { ProviderConfigError, providerConfigFromEnv } from "../../runtime/tools/config.ts";

describe("providerConfigFromEnv", () => {
  it("uses the public provider URLs by default and leaves out providers without credentials", () => {
    const config = providerConfigFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", GITHUB_TOKEN: "ghp", META_ACCESS_TOKEN: "m", TWILIO_ACCOUNT_SID: "AC1" });
    expect(config.slack).toEqual({ apiUrl: "https://slack.com/api", botToken: "xoxb-1" });
    expect(config.github).toEqual({ apiUrl: "https://api.github.com", token: "ghp" });
    expect(config.meta).toEqual({ graphUrl: "https://graph.facebook.com", graphVersion: "v24.0", accessToken: "m" });
    expect(config.twilio).toBeUndefined();
    expect(config.whatsappProvider).toBe("meta");
    expect(config.http).toEqual({ allowedHosts: [], allowLoopback: false, maxResponseBytes: 1_048_576 });
  });

  it("takes base URLs, senders and the http.request allowlist from configuration", () => {
    const config = providerConfigFromEnv({
      SLACK_API_URL: "http://127.0.0.1:9001/api",
      SLACK_BOT_TOKEN: "xoxb-1",
      TWILIO_API_URL: "http://127.0.0.1:9004",
      TWILIO_ACCOUNT_SID: "AC1",
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_WHATSAPP_FROM: "whatsapp:+14155238886",
      WHATSAPP_PROVIDER: "twilio",
      HTTP_TOOL_ALLOWED_HOSTS: " API.example.com, *.example.org ,",
      HTTP_TOOL_ALLOW_LOOPBACK: "true",
      HTTP_TOOL_MAX_RESPONSE_BYTES: "2048",
    });
    expect(config.slack?.apiUrl).toBe("http://127.0.0.1:9001/api");
    expect(config.twilio).toEqual({ apiUrl: "http://127.0.0.1:9004", accountSid: "AC1", authToken: "t", whatsappFrom: "whatsapp:+14155238886" });
    expect(config.whatsappProvider).toBe("twilio");
    expect(config.http).toEqual({ allowedHosts: ["api.example.com", "*.example.org"], allowLoopback: true, maxResponseBytes: 2048 });
  });

  it("fails at construction on values that cannot work", () => {
    expect(() => providerConfigFromEnv({ SLACK_BOT_TOKEN: "x", SLACK_API_URL: "slack.com/api" })).toThrow(ProviderConfigError);
    expect(() => providerConfigFromEnv({ GITHUB_TOKEN: "x", GITHUB_API_URL: "file:///etc/passwd" })).toThrow(ProviderConfigError);
    expect(() => providerConfigFromEnv({ WHATSAPP_PROVIDER: "sms" })).toThrow(ProviderConfigError);
    expect(() => providerConfigFromEnv({ META_ACCESS_TOKEN: "m", META_GRAPH_VERSION: "21" })).toThrow(ProviderConfigError);
    expect(() => providerConfigFromEnv({ HTTP_TOOL_MAX_RESPONSE_BYTES: "-1" })).toThrow(ProviderConfigError);
  });
});
