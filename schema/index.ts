export { tenants } from "./tenants.ts";
export { tenantBootstraps } from "./tenant-bootstraps.ts";
export { principals } from "./principals.ts";
export { apiKeys } from "./api-keys.ts";
export { capabilityGrants } from "./capability-grants.ts";
export { webhookDeliveries, webhookDeliveryConflicts } from "./webhook-deliveries.ts";
export { intents } from "./intents.ts";
export { executions } from "./executions.ts";
export { traceEvents } from "./trace-events.ts";
