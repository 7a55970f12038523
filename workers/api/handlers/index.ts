import type { Implementation } from "../handler.ts";
import { governanceHandlers } from "./governance.ts";
import { apiKeyCreateHandler } from "./api-key-create.ts";
import { apiKeyListHandler } from "./api-key-list.ts";
import { apiKeyRevokeHandler } from "./api-key-revoke.ts";
import { channelBindingCreateHandler } from "./channel-binding-create.ts";
import { channelBindingDeleteHandler } from "./channel-binding-delete.ts";
import { channelBindingListHandler } from "./channel-binding-list.ts";
import { executionCancelHandler } from "./execution-cancel.ts";
import { executionConfirmHandler } from "./execution-confirm.ts";
import { executionGetHandler } from "./execution-get.ts";
import { executionListHandler } from "./execution-list.ts";
import { executionReplayHandler } from "./execution-replay.ts";
import { executionStartHandler } from "./execution-start.ts";
import { intentSubmitHandler } from "./intent-submit.ts";
import { skillDisableHandler } from "./skill-disable.ts";
import { skillInstallHandler } from "./skill-install.ts";
import { skillListHandler } from "./skill-list.ts";
import { skillVerifyHandler } from "./skill-verify.ts";
import { skillVersionRevokeHandler } from "./skill-version-revoke.ts";
import { planCompileHandler } from "./plan-compile.ts";
import { principalListHandler } from "./principal-list.ts";
import { principalOAuthGrantListHandler, principalOAuthGrantRevokeHandler } from "./principal-oauth-grants.ts";
import { planVerifyHandler } from "./plan-verify.ts";
import { tenantBootstrapHandler } from "./tenant-bootstrap.ts";
import { traceGetHandler } from "./trace-get.ts";
import { trustedKeyAddHandler } from "./trusted-key-add.ts";
import { trustedKeyListHandler } from "./trusted-key-list.ts";
import { trustedKeyRevokeHandler } from "./trusted-key-revoke.ts";
import { mcpServerListHandler } from "./mcp-server-list.ts";
import { mcpServerRegisterHandler } from "./mcp-server-register.ts";
import { mcpServerRemoveHandler } from "./mcp-server-remove.ts";
import { connectionListHandler } from "./connection-list.ts";
import { connectionRemoveHandler } from "./connection-remove.ts";
import { connectionWhatsappRegisterHandler } from "./connection-whatsapp-register.ts";

/** Every handler built so far; a registered contract without one answers 501 NOT_IMPLEMENTED. */
export const implementations: readonly Implementation[] = [
  tenantBootstrapHandler,
  apiKeyCreateHandler,
  apiKeyRevokeHandler,
  apiKeyListHandler,
  channelBindingCreateHandler,
  channelBindingListHandler,
  channelBindingDeleteHandler,
  intentSubmitHandler,
  planCompileHandler,
  planVerifyHandler,
  executionStartHandler,
  executionGetHandler,
  executionListHandler,
  executionCancelHandler,
  executionConfirmHandler,
  executionReplayHandler,
  traceGetHandler,
  skillInstallHandler,
  skillVerifyHandler,
  skillListHandler,
  skillDisableHandler,
  trustedKeyAddHandler,
  trustedKeyListHandler,
  trustedKeyRevokeHandler,
  skillVersionRevokeHandler,
  principalListHandler,
  mcpServerRegisterHandler,
  mcpServerListHandler,
  mcpServerRemoveHandler,
  connectionListHandler,
  connectionRemoveHandler,
  connectionWhatsappRegisterHandler,
  principalOAuthGrantListHandler,
  principalOAuthGrantRevokeHandler,
  ...governanceHandlers,
] as unknown as readonly Implementation[];
