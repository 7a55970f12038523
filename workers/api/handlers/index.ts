import type { Implementation } from "../handler.ts";
import { apiKeyCreateHandler } from "./api-key-create.ts";
import { apiKeyListHandler } from "./api-key-list.ts";
import { apiKeyRevokeHandler } from "./api-key-revoke.ts";
import { executionListHandler } from "./execution-list.ts";
import { tenantBootstrapHandler } from "./tenant-bootstrap.ts";

/** Every handler built so far; a registered contract without one answers 501 NOT_IMPLEMENTED. */
export const implementations: readonly Implementation[] = [
  tenantBootstrapHandler,
  apiKeyCreateHandler,
  apiKeyRevokeHandler,
  apiKeyListHandler,
  executionListHandler,
] as unknown as readonly Implementation[];
