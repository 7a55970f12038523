import type { Implementation } from "../handler.ts";
import { apiKeyCreateHandler } from "./api-key-create.ts";
import { apiKeyListHandler } from "./api-key-list.ts";
import { apiKeyRevokeHandler } from "./api-key-revoke.ts";
import { executionCancelHandler } from "./execution-cancel.ts";
import { executionGetHandler } from "./execution-get.ts";
import { executionListHandler } from "./execution-list.ts";
import { executionReplayHandler } from "./execution-replay.ts";
import { intentSubmitHandler } from "./intent-submit.ts";
import { tenantBootstrapHandler } from "./tenant-bootstrap.ts";
import { traceGetHandler } from "./trace-get.ts";

/** Every handler built so far; a registered contract without one answers 501 NOT_IMPLEMENTED. */
export const implementations: readonly Implementation[] = [
  tenantBootstrapHandler,
  apiKeyCreateHandler,
  apiKeyRevokeHandler,
  apiKeyListHandler,
  intentSubmitHandler,
  executionGetHandler,
  executionListHandler,
  executionCancelHandler,
  executionReplayHandler,
  traceGetHandler,
] as unknown as readonly Implementation[];
