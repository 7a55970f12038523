import { approvalDecideBulkHandler } from "./approval-decide-bulk.ts";
import { approvalListHandler } from "./approval-list.ts";
import { executionApproveHandler } from "./execution-approve.ts";
import { executionRejectHandler } from "./execution-reject.ts";
import { groupMemberAddHandler } from "./group-member-add.ts";
import { groupMemberRemoveHandler } from "./group-member-remove.ts";
import { policyActivateHandler } from "./policy-activate.ts";
import { policyExplainHandler } from "./policy-explain.ts";
import { policyGetHandler } from "./policy-get.ts";
import { policyListHandler } from "./policy-list.ts";
import { policyPublishHandler } from "./policy-publish.ts";
import { principalIdentityLinkHandler } from "./principal-identity-link.ts";
import { principalIdentityListHandler } from "./principal-identity-list.ts";
import { principalIdentityUnlinkHandler } from "./principal-identity-unlink.ts";

/** Policy, groups, identities and approvals: registered as one block so the list in index.ts stays stable. */
export const governanceHandlers = [
  policyPublishHandler,
  policyActivateHandler,
  policyGetHandler,
  policyListHandler,
  policyExplainHandler,
  groupMemberAddHandler,
  groupMemberRemoveHandler,
  executionApproveHandler,
  executionRejectHandler,
  approvalDecideBulkHandler,
  approvalListHandler,
  principalIdentityLinkHandler,
  principalIdentityUnlinkHandler,
  principalIdentityListHandler,
] as const;
