/* eslint-disable */
// Generated from wrangler.jsonc by `npm run types` (wrangler types); do not edit (hash: 1d3e14061808d2bf82f142e763111dd9)
interface __BaseEnv_WranglerEnv {
	OAUTH_KV: KVNamespace;
	TRACES: R2Bucket;
	SKILLS: R2Bucket;
	DB: D1Database;
	INGEST: Queue;
	WEBHOOK_TENANT_LIMIT: RateLimit;
	INTENT_TENANT_LIMIT: RateLimit;
	INTENT_KEY_LIMIT: RateLimit;
	LOADER: WorkerLoader;
	CF_VERSION_METADATA: WorkerVersionMetadata;
	SLACK_API_URL: string;
	GITHUB_API_URL: string;
	META_GRAPH_URL: string;
	TWILIO_API_URL: string;
	TRACE_RETENTION_DAYS: string;
	DELIVERY_RECORDER_SHARDS: string;
	META_PHONE_NUMBER_ID: string;
	TWILIO_WHATSAPP_FROM: string;
	WHATSAPP_PROVIDER: string;
	HTTP_TOOL_ALLOWED_HOSTS: string;
	SLACK_CLIENT_ID: string;
	SLACK_AUTHORIZE_URL: string;
	SLACK_SCOPES: string;
	GITHUB_APP_ID: string;
	GITHUB_APP_INSTALL_URL: string;
	ADMIN_BOOTSTRAP_TOKEN: string;
	APPROVAL_SIGNING_KEY: string;
	EXECUTIONS: DurableObjectNamespace<import("./workers/index").ExecutionDO>;
	DELIVERIES: DurableObjectNamespace<import("./workers/index").DeliveryRecorderDO>;
	REGISTRY_TRACES: DurableObjectNamespace<import("./workers/index").RegistryTraceDO>;
	PUBLIC_BASE_URL?: string;
	TWILIO_WEBHOOK_URL?: string;
	DEFAULT_TENANT?: string;
	MODEL_PROVIDER?: string;
	MODEL_NAME?: string;
	MODEL_BASE_URL?: string;
	MODEL_TIMEOUT_MS?: string;
	MODEL_API_KEY?: string;
	MODEL_DAILY_TOKEN_BUDGET?: string;
	SLACK_SIGNING_SECRET?: string;
	SLACK_BOT_TOKEN?: string;
	GITHUB_WEBHOOK_SECRET?: string;
	GITHUB_TOKEN?: string;
	META_APP_SECRET?: string;
	META_VERIFY_TOKEN?: string;
	META_ACCESS_TOKEN?: string;
	TWILIO_AUTH_TOKEN?: string;
	TWILIO_ACCOUNT_SID?: string;
	CREDENTIALS_KEY?: string;
	SLACK_CLIENT_SECRET?: string;
	GITHUB_APP_PRIVATE_KEY?: string;
}
declare namespace Cloudflare {
	interface GlobalProps {
		mainModule: typeof import("./workers/index");
		durableNamespaces: "ExecutionDO" | "DeliveryRecorderDO" | "RegistryTraceDO";
	}
	interface StagingEnv {
		OAUTH_KV: KVNamespace;
		TRACES: R2Bucket;
		SKILLS: R2Bucket;
		DB: D1Database;
		INGEST: Queue;
		WEBHOOK_TENANT_LIMIT: RateLimit;
		INTENT_TENANT_LIMIT: RateLimit;
		INTENT_KEY_LIMIT: RateLimit;
		LOADER: WorkerLoader;
		CF_VERSION_METADATA: WorkerVersionMetadata;
		SLACK_API_URL: string;
		GITHUB_API_URL: string;
		META_GRAPH_URL: string;
		TWILIO_API_URL: string;
		TRACE_RETENTION_DAYS: string;
		DELIVERY_RECORDER_SHARDS: string;
		META_PHONE_NUMBER_ID: string;
		TWILIO_WHATSAPP_FROM: string;
		WHATSAPP_PROVIDER: string;
		HTTP_TOOL_ALLOWED_HOSTS: string;
		SLACK_CLIENT_ID: string;
		SLACK_AUTHORIZE_URL: string;
		SLACK_SCOPES: string;
		GITHUB_APP_ID: string;
		GITHUB_APP_INSTALL_URL: string;
		ADMIN_BOOTSTRAP_TOKEN: string;
		APPROVAL_SIGNING_KEY: string;
		EXECUTIONS: DurableObjectNamespace<import("./workers/index").ExecutionDO>;
		DELIVERIES: DurableObjectNamespace<import("./workers/index").DeliveryRecorderDO>;
		REGISTRY_TRACES: DurableObjectNamespace<import("./workers/index").RegistryTraceDO>;
	}
	interface ProductionEnv {
		OAUTH_KV: KVNamespace;
		TRACES: R2Bucket;
		SKILLS: R2Bucket;
		DB: D1Database;
		INGEST: Queue;
		WEBHOOK_TENANT_LIMIT: RateLimit;
		INTENT_TENANT_LIMIT: RateLimit;
		INTENT_KEY_LIMIT: RateLimit;
		LOADER: WorkerLoader;
		CF_VERSION_METADATA: WorkerVersionMetadata;
		SLACK_API_URL: string;
		GITHUB_API_URL: string;
		META_GRAPH_URL: string;
		TWILIO_API_URL: string;
		TRACE_RETENTION_DAYS: string;
		DELIVERY_RECORDER_SHARDS: string;
		META_PHONE_NUMBER_ID: string;
		TWILIO_WHATSAPP_FROM: string;
		WHATSAPP_PROVIDER: string;
		HTTP_TOOL_ALLOWED_HOSTS: string;
		SLACK_CLIENT_ID: string;
		SLACK_AUTHORIZE_URL: string;
		SLACK_SCOPES: string;
		GITHUB_APP_ID: string;
		GITHUB_APP_INSTALL_URL: string;
		ADMIN_BOOTSTRAP_TOKEN: string;
		APPROVAL_SIGNING_KEY: string;
		EXECUTIONS: DurableObjectNamespace<import("./workers/index").ExecutionDO>;
		DELIVERIES: DurableObjectNamespace<import("./workers/index").DeliveryRecorderDO>;
		REGISTRY_TRACES: DurableObjectNamespace<import("./workers/index").RegistryTraceDO>;
	}
	interface Env extends __BaseEnv_WranglerEnv {}
}
interface WranglerEnv extends __BaseEnv_WranglerEnv {}
declare module "*.txt" {
	const value: string;
	export default value;
}
declare module "*.html" {
	const value: string;
	export default value;
}
declare module "*.sql" {
	const value: string;
	export default value;
}
declare module "*.bin" {
	const value: ArrayBuffer;
	export default value;
}
declare module "*.wasm" {
	const value: WebAssembly.Module;
	export default value;
}
declare module "*.wasm?module" {
	const value: WebAssembly.Module;
	export default value;
}