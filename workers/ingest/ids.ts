// The ids moved below workers/ and durable-objects/ (both mint them); existing imports of this path still hold.
export { executionIdOfTrace, newId, traceIdOf } from "../../runtime/ingest/ids.ts";
