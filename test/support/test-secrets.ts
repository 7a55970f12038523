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
