import type { HandoffMessage } from "./ingest/handoff-message.ts";
import type { ModelEnv } from "../runtime/model/config.ts";
import type { ProviderEnv } from "../runtime/tools/config.ts";
import type { ConnectEnv } from "../runtime/connections/config.ts";

type RateLimitName = "WEBHOOK_TENANT_LIMIT" | "INTENT_TENANT_LIMIT" | "INTENT_KEY_LIMIT";

/**
 * Bindings and configuration the Worker receives. `WranglerEnv` is generated from wrangler.jsonc
 * (worker-configuration.d.ts, `npm run types`); this adds what the config cannot say: the queue's message
 * type and the optional settings and secrets a deployment sets only when it uses them.
 */
export interface Env extends Omit<WranglerEnv, "INGEST" | RateLimitName>, Omit<ProviderEnv, keyof WranglerEnv>, Omit<ConnectEnv, keyof WranglerEnv | keyof ProviderEnv>, ModelEnv {
  INGEST: Queue<HandoffMessage>;
  /** Rate Limiting bindings: a Worker built without one (bench:ingest's) is not limited by it. */
  WEBHOOK_TENANT_LIMIT?: RateLimit;
  INTENT_TENANT_LIMIT?: RateLimit;
  INTENT_KEY_LIMIT?: RateLimit;
  /** The old value of each rotating secret while a rotation is under way (workers/rotating-secret.ts). */
  SLACK_SIGNING_SECRET_PREVIOUS?: string;
  GITHUB_WEBHOOK_SECRET_PREVIOUS?: string;
  META_APP_SECRET_PREVIOUS?: string;
  META_VERIFY_TOKEN_PREVIOUS?: string;
  TWILIO_AUTH_TOKEN_PREVIOUS?: string;
  APPROVAL_SIGNING_KEY_PREVIOUS?: string;
  /** The SharedKey secret of a Twilio Webhooks Rule (deliveries carrying `X-Twilio-Webhooks-Signature-Settings`). */
  TWILIO_SHARED_KEY_SECRET?: string;
  /** `strict` (tests) validates every handler output against its contract. */
  CONTRACT_OUTPUT_CHECK?: string;
}
