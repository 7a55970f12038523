/**
 * Fixed secrets for tests. The vitest config binds every one of them, overriding whatever a
 * developer's `.dev.vars` (written by `npm start`) holds, so tests are the same on every machine.
 */
export const testSecrets = {
  ADMIN_BOOTSTRAP_TOKEN: "test-bootstrap-token",
  APPROVAL_SIGNING_KEY: "test-approval-signing-key",
  SLACK_SIGNING_SECRET: "test-slack-signing-secret",
  GITHUB_WEBHOOK_SECRET: "test-github-webhook-secret",
  META_APP_SECRET: "test-meta-app-secret",
  META_VERIFY_TOKEN: "test-meta-verify-token",
  TWILIO_AUTH_TOKEN: "test-twilio-auth-token",
  TWILIO_ACCOUNT_SID: "ACtest00000000000000000000000000",
  TWILIO_WEBHOOK_URL: "https://cp.test/webhooks/twilio",
  DEFAULT_TENANT: "default-tenant",
  CREDENTIALS_KEY: "test1:dGVzdC1jcmVkZW50aWFscy1rZXktMzItYnl0ZXMhISE",
  SLACK_CLIENT_SECRET: "test-slack-client-secret",
  /** A throwaway RSA key made for these tests (PKCS#8); its public half is in test/connections/github-app-keys.ts. */
  GITHUB_APP_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCYOQ3rfv43glvg\nYCmYXmFqdBo9dA0fBwCL3UvkizUVqqueSfAuVzwpoPJG3RaKm8zDjWBMFPax75SC\nHuCa0qAq9V6bfwXXt/KA/y46uTmqICbUahXe6/Y8HQf7anI/JuJoPxPYJWuIaUuC\nNghWcoI6lv0BdKdxfuttNCu1Ac9pqBrvZp4gDiDFWW5YCUTeii35ou9C82/qtDlq\nbsJdHI987Xn8VJbpsSk/qyHtJNh1L/DDM/Y+iUEHWXWGgDkbfjNMf9CrEU3Y/aOQ\nReCeO6g1bPyfYSqmgHGIyIFl8SmwKTAszU5YzoP7yS2e4iAyXydXrRGfUqvjMuUN\ngNdV1wl1AgMBAAECggEAEdlw1yopO4+S3+zOu9HnWOD72bRjvH1o9D2TAl3Lb/q3\nDITNf9WVValMd4BBvieWO2D2x30Wz1cRQi/GNQlZJCho+1FJ+VlVu4gQnuysxRTn\nkLVO0ri3AyYBU1sQQfT4i/JHjKsYoKJ+KurUj/R17lJZoQPRhZa1GvVI4bzwWgpg\nrcQR63Khq58Q90Yi9awSv1iuBCqtuGlXhV2psK+c7ixHKh7IOKRycei5FWrloakz\n9852nTu76BhIxcm08RsoDPLx3uAdn0yehOvDgTMiIRry7q2qr3KvfAn7PPqSwshu\nk5/C3mfkJpWx2CdBcUD5EDBRHU5qjMDN+GBvdg5/uQKBgQDJsaVdlwi7Si9lPXK/\nr5PCak8Qji36Kicpr/20s8SLxlknwTP2XOrjqG89A9Rlwv7T03aXr3Foumwor9nL\nP7yOeIeRWY8LYg0IuGNSBIR1A+iNnPcaUZVsD3l+bIq6ykQV3oxr3lEhpxCZr2BG\nyQSgTuSxs24ErP6DX3LNrYF9vQKBgQDBNXfobkkxNHu9jlAfZxwuzNVrXa1SASz2\n/JYUHvG9lJOpDj+nqAbrrRkh8abCemYGqIT3GYd85WSY8oRTblZlieQED6ACCmYh\nQCC0VA3aIdlyS3liRNUSDwAiblvsYi/HJZvnVAensFgwmiG2v9P1XneQh2miUUSK\nA/z4aP/qGQKBgDuiQ6N9UX6Wu5ayaWgVkJmN9xyM/TkXF4cy2s9/y2AMYDXp4OQ5\nqtVu6pzesgD4e4HD5y+IFv8BB5OsErgOe0CgkGzATxPthK8MXYlVfphedHbSbxkg\nAA74MFLZ4tbBkQnqSBhonhJWJAlcmhmzu6NuUB3eUGwffgz3vqjjYQL9AoGATzTP\nQm8r/EsKy2vzNtx7dkgs2gYeTrcCqwJjuD3zVof5fN3FhMLii218FylM9v9cojAl\nynMh0zbrZbROQTHDo37DBlMtgoim08zJW4P15c3oqe19Bqc3Pl797B+X+bFK6vZl\nEpGlTb6CePJHDfdYOogOtiZ9TLjKQ1ZdN6079MkCgYEAhRFFZFDVTuYN1ly7tCoS\ngFoRjBkrhIkiy2BjIqXVC+jSjFm6BRZmVI9q5ckKV1OPjGUr11Fh2qlBbZhG7Vef\nUlKa2Wq2ieIdvZtw3IPaLDZxLAE+Th8R4SYNdsBmVeNjxHuKvBzI7jJ6TrsDiYzn\nN/O6HpNDCLCs6d+TReOcNFc=\n-----END PRIVATE KEY-----",
} as const;

/** Provider configuration for tests: every API points at the stand-in, which the outbound service routes to. */
export const testProviderConfig = {
  SLACK_API_URL: "http://slack.standin/api",
  SLACK_BOT_TOKEN: "xoxb-test-token",
  GITHUB_API_URL: "http://github.standin",
  GITHUB_TOKEN: "ghp_test_token",
  META_GRAPH_URL: "http://graph.standin",
  META_ACCESS_TOKEN: "meta-test-token",
  META_PHONE_NUMBER_ID: "1234567890",
  TWILIO_API_URL: "http://twilio.standin",
  TWILIO_WHATSAPP_FROM: "whatsapp:+15550001111",
  HTTP_TOOL_ALLOWED_HOSTS: "http.standin,mcp.standin",
  PUBLIC_BASE_URL: "http://cp.test",
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_AUTHORIZE_URL: "http://slack.standin/oauth/v2/authorize",
  GITHUB_APP_ID: "424242",
  GITHUB_APP_INSTALL_URL: "http://github.standin/apps/cp-test/installations/new",
} as const;

/**
 * The rate limits the tests run with (wrangler.jsonc's are far higher): one 60 s window each. Test files get
 * a fresh workerd, so counts never carry over from another file.
 */
export const testRateLimits = {
  WEBHOOK_TENANT_LIMIT: { namespace_id: "1001", simple: { limit: 40, period: 60 } },
  INTENT_TENANT_LIMIT: { namespace_id: "1002", simple: { limit: 60, period: 60 } },
  INTENT_KEY_LIMIT: { namespace_id: "1003", simple: { limit: 30, period: 60 } },
} as const;

/** The planner's model for test/planner/e2e/ only (every other test runs model-free): the stand-in's chat completions. */
export const testModelConfig = {
  MODEL_PROVIDER: "openai-compatible",
  MODEL_NAME: "standin-model",
  MODEL_BASE_URL: "http://model.standin/v1",
  MODEL_API_KEY: "test-model-key",
  MODEL_TIMEOUT_MS: "1500",
  /** Far above what a test spends (366 tokens a call); test/planner/e2e/token-budget.test.ts fills a tenant's day directly. */
  MODEL_DAILY_TOKEN_BUDGET: "100000",
} as const;
