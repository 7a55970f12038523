import type { DeliveryRecorderDO } from "../durable-objects/delivery-recorder.ts";
import type { ExecutionDO } from "../durable-objects/execution.ts";
import type { RegistryTraceDO } from "../durable-objects/registry-trace.ts";
import type { HandoffMessage } from "./ingest/handoff-message.ts";
import type { ProviderEnv } from "./tools/config.ts";

/** Bindings and configuration the Worker receives. Names follow DESIGN.md. */
export interface Env extends ProviderEnv {
  EXECUTIONS: DurableObjectNamespace<ExecutionDO>;
  DELIVERIES: DurableObjectNamespace<DeliveryRecorderDO>;
  /** One per tenant: the skill registry trace's writer and the keeper of its head. */
  REGISTRY_TRACES: DurableObjectNamespace<RegistryTraceDO>;
  DB: D1Database;
  TRACES: R2Bucket;
  SKILLS: R2Bucket;
  INGEST: Queue<HandoffMessage>;
  LOADER: WorkerLoader;
  /** Rate Limiting bindings (`[[ratelimits]]`); absent: not limited. See README "Rate limits". */
  WEBHOOK_TENANT_LIMIT?: RateLimit;
  INTENT_TENANT_LIMIT?: RateLimit;
  INTENT_KEY_LIMIT?: RateLimit;

  SLACK_SIGNING_SECRET?: string;
  SLACK_BOT_TOKEN?: string;
  SLACK_API_URL?: string;
  GITHUB_WEBHOOK_SECRET?: string;
  GITHUB_TOKEN?: string;
  GITHUB_API_URL?: string;
  META_VERIFY_TOKEN?: string;
  META_APP_SECRET?: string;
  META_ACCESS_TOKEN?: string;
  META_GRAPH_URL?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_WEBHOOK_URL?: string;
  /** The SharedKey secret of a Twilio Webhooks Rule (deliveries carrying `X-Twilio-Webhooks-Signature-Settings`). */
  TWILIO_SHARED_KEY_SECRET?: string;
  TWILIO_API_URL?: string;

  PUBLIC_BASE_URL?: string;
  APPROVAL_SIGNING_KEY?: string;
  ADMIN_BOOTSTRAP_TOKEN?: string;
  DEFAULT_TENANT?: string;
  TRACE_RETENTION_DAYS?: string;
  /** `strict` (tests) validates every handler output against its contract. */
  CONTRACT_OUTPUT_CHECK?: string;
}
