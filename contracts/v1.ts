import { adminCapability } from "./capabilities/admin.ts";
import { approvalCapability } from "./capabilities/approval.ts";
import { auditCapability } from "./capabilities/audit.ts";
import { channelRuntimeCapability } from "./capabilities/channel-runtime.ts";
import { coreCapability } from "./capabilities/core.ts";
import { skillRegistryCapability } from "./capabilities/skill-registry.ts";
import { apiKeyCreate } from "./commands/api-key-create.ts";
import { apiKeyRevoke } from "./commands/api-key-revoke.ts";
import { channelBindingCreate } from "./commands/channel-binding-create.ts";
import { channelBindingDelete } from "./commands/channel-binding-delete.ts";
import { approvalDecideBulk } from "./commands/approval-decide-bulk.ts";
import { executionApprove } from "./commands/execution-approve.ts";
import { executionCancel } from "./commands/execution-cancel.ts";
import { executionConfirm } from "./commands/execution-confirm.ts";
import { executionReject } from "./commands/execution-reject.ts";
import { executionReplay } from "./commands/execution-replay.ts";
import { executionStart } from "./commands/execution-start.ts";
import { groupMemberAdd } from "./commands/group-member-add.ts";
import { groupMemberRemove } from "./commands/group-member-remove.ts";
import { intentSubmit } from "./commands/intent-submit.ts";
import { planCompile } from "./commands/plan-compile.ts";
import { planVerify } from "./commands/plan-verify.ts";
import { policyActivate } from "./commands/policy-activate.ts";
import { policyPublish } from "./commands/policy-publish.ts";
import { skillDisable } from "./commands/skill-disable.ts";
import { skillInstall } from "./commands/skill-install.ts";
import { skillVersionRevoke } from "./commands/skill-version-revoke.ts";
import { tenantBootstrap } from "./commands/tenant-bootstrap.ts";
import { trustedKeyAdd } from "./commands/trusted-key-add.ts";
import { mcpServerRegister } from "./commands/mcp-server-register.ts";
import { mcpServerRemove } from "./commands/mcp-server-remove.ts";
import { mcpServerList } from "./queries/mcp-server-list.ts";
import { connectionList } from "./queries/connection-list.ts";
import { connectionRemove } from "./commands/connection-remove.ts";
import { connectionWhatsappRegister } from "./commands/connection-whatsapp-register.ts";
import { trustedKeyRevoke } from "./commands/trusted-key-revoke.ts";
import { executionCancelled } from "./events/execution-cancelled.ts";
import { executionCompleted } from "./events/execution-completed.ts";
import { executionFailed } from "./events/execution-failed.ts";
import { executionPolicyPinned } from "./events/execution-policy-pinned.ts";
import { executionStarted } from "./events/execution-started.ts";
import {
  executionStepApprovalNoticeFailed,
  executionStepApprovalNoticeSending,
  executionStepApprovalNoticeSent,
} from "./events/execution-step-approval-notice.ts";
import { executionStepApprovalRequested } from "./events/execution-step-approval-requested.ts";
import { executionStepApproved } from "./events/execution-step-approved.ts";
import { executionStepBlocked } from "./events/execution-step-blocked.ts";
import { executionStepCompleted } from "./events/execution-step-completed.ts";
import { executionStepEscalated } from "./events/execution-step-escalated.ts";
import { executionStepFailed } from "./events/execution-step-failed.ts";
import { executionStepRejected } from "./events/execution-step-rejected.ts";
import { executionStepRetryScheduled } from "./events/execution-step-retry-scheduled.ts";
import { executionStepStarted } from "./events/execution-step-started.ts";
import { executionStepVoteRecorded } from "./events/execution-step-vote-recorded.ts";
import { intentReceived } from "./events/intent-received.ts";
import { planCompiled } from "./events/plan-compiled.ts";
import { planRejected } from "./events/plan-rejected.ts";
import { planDrafted } from "./events/plan-drafted.ts";
import { planConfirmationRefused, planConfirmationRequested, planConfirmationResolved } from "./events/plan-confirmation.ts";
import { planConfirmationNoticeFailed, planConfirmationNoticeSending, planConfirmationNoticeSent } from "./events/plan-confirmation-notice.ts";
import { skillDisabled } from "./events/skill-disabled.ts";
import { skillEgress } from "./events/skill-egress.ts";
import { skillInstalled } from "./events/skill-installed.ts";
import { skillRejected } from "./events/skill-rejected.ts";
import { skillVersionRevoked } from "./events/skill-version-revoked.ts";
import { trustedKeyAdded } from "./events/trusted-key-added.ts";
import { trustedKeyRevoked } from "./events/trusted-key-revoked.ts";
import { approvalList } from "./queries/approval-list.ts";
import { apiKeyList } from "./queries/api-key-list.ts";
import { channelBindingList } from "./queries/channel-binding-list.ts";
import { principalList } from "./queries/principal-list.ts";
import { principalOAuthGrantList } from "./queries/principal-oauth-grant-list.ts";
import { principalOAuthGrantRevoke } from "./commands/principal-oauth-grant-revoke.ts";
import { principalIdentityList } from "./queries/principal-identity-list.ts";
import { principalIdentityLink } from "./commands/principal-identity-link.ts";
import { principalIdentityUnlink } from "./commands/principal-identity-unlink.ts";
import { executionGet } from "./queries/execution-get.ts";
import { executionList } from "./queries/execution-list.ts";
import { policyExplain } from "./queries/policy-explain.ts";
import { policyGet } from "./queries/policy-get.ts";
import { policyList } from "./queries/policy-list.ts";
import { skillList } from "./queries/skill-list.ts";
import { skillVerify } from "./queries/skill-verify.ts";
import { traceGet } from "./queries/trace-get.ts";
import { trustedKeyList } from "./queries/trusted-key-list.ts";

/**
 * Every v1 contract, keyed by contract key, with each contract's own type kept so handlers and
 * clients get typed inputs and outputs from `v1Operations["controlPlane.execution.get"]`.
 */
export const v1Operations = {
  "controlPlane.intent.submit": intentSubmit,
  "controlPlane.plan.compile": planCompile,
  "controlPlane.plan.verify": planVerify,
  "controlPlane.execution.start": executionStart,
  "controlPlane.execution.approve": executionApprove,
  "controlPlane.execution.reject": executionReject,
  "controlPlane.execution.cancel": executionCancel,
  "controlPlane.execution.confirm": executionConfirm,
  "controlPlane.execution.replay": executionReplay,
  "controlPlane.execution.get": executionGet,
  "controlPlane.execution.list": executionList,
  "controlPlane.trace.get": traceGet,
  "controlPlane.policy.explain": policyExplain,
  "controlPlane.policy.publish": policyPublish,
  "controlPlane.policy.activate": policyActivate,
  "controlPlane.policy.get": policyGet,
  "controlPlane.policy.list": policyList,
  "controlPlane.group.member.add": groupMemberAdd,
  "controlPlane.group.member.remove": groupMemberRemove,
  "controlPlane.approval.list": approvalList,
  "controlPlane.approval.decideBulk": approvalDecideBulk,
  "controlPlane.skill.install": skillInstall,
  "controlPlane.skill.disable": skillDisable,
  "controlPlane.skill.list": skillList,
  "controlPlane.skill.verify": skillVerify,
  "controlPlane.trustedKey.add": trustedKeyAdd,
  "controlPlane.trustedKey.list": trustedKeyList,
  "controlPlane.trustedKey.revoke": trustedKeyRevoke,
  "controlPlane.skillVersion.revoke": skillVersionRevoke,
  "controlPlane.tenant.bootstrap": tenantBootstrap,
  "controlPlane.apiKey.create": apiKeyCreate,
  "controlPlane.apiKey.revoke": apiKeyRevoke,
  "controlPlane.apiKey.list": apiKeyList,
  "controlPlane.channelBinding.create": channelBindingCreate,
  "controlPlane.channelBinding.list": channelBindingList,
  "controlPlane.channelBinding.delete": channelBindingDelete,
  "controlPlane.principal.list": principalList,
  "controlPlane.principal.oauthGrant.list": principalOAuthGrantList,
  "controlPlane.principal.oauthGrant.revoke": principalOAuthGrantRevoke,
  "controlPlane.principal.identity.link": principalIdentityLink,
  "controlPlane.principal.identity.unlink": principalIdentityUnlink,
  "controlPlane.principal.identity.list": principalIdentityList,
  "controlPlane.mcpServer.register": mcpServerRegister,
  "controlPlane.mcpServer.list": mcpServerList,
  "controlPlane.mcpServer.remove": mcpServerRemove,
  "controlPlane.connection.list": connectionList,
  "controlPlane.connection.remove": connectionRemove,
  "controlPlane.connection.whatsapp.register": connectionWhatsappRegister,
} as const;

export const v1Events = {
  "controlPlane.intent.received": intentReceived,
  "controlPlane.plan.compiled": planCompiled,
  "controlPlane.plan.rejected": planRejected,
  "controlPlane.plan.drafted": planDrafted,
  "controlPlane.plan.confirmation_requested": planConfirmationRequested,
  "controlPlane.plan.confirmation_resolved": planConfirmationResolved,
  "controlPlane.plan.confirmation_refused": planConfirmationRefused,
  "controlPlane.plan.confirmation_notice_sending": planConfirmationNoticeSending,
  "controlPlane.plan.confirmation_notice_sent": planConfirmationNoticeSent,
  "controlPlane.plan.confirmation_notice_failed": planConfirmationNoticeFailed,
  "controlPlane.execution.policy_pinned": executionPolicyPinned,
  "controlPlane.execution.started": executionStarted,
  "controlPlane.execution.step.started": executionStepStarted,
  "controlPlane.execution.step.blocked": executionStepBlocked,
  "controlPlane.execution.step.approval_requested": executionStepApprovalRequested,
  "controlPlane.execution.step.approved": executionStepApproved,
  "controlPlane.execution.step.rejected": executionStepRejected,
  "controlPlane.execution.step.escalated": executionStepEscalated,
  "controlPlane.execution.step.vote_recorded": executionStepVoteRecorded,
  "controlPlane.execution.step.approval_notice_sending": executionStepApprovalNoticeSending,
  "controlPlane.execution.step.approval_notice_sent": executionStepApprovalNoticeSent,
  "controlPlane.execution.step.approval_notice_failed": executionStepApprovalNoticeFailed,
  "controlPlane.execution.step.completed": executionStepCompleted,
  "controlPlane.execution.step.failed": executionStepFailed,
  "controlPlane.execution.step.retry_scheduled": executionStepRetryScheduled,
  "controlPlane.execution.completed": executionCompleted,
  "controlPlane.execution.failed": executionFailed,
  "controlPlane.execution.cancelled": executionCancelled,
  "controlPlane.skill.installed": skillInstalled,
  "controlPlane.skill.rejected": skillRejected,
  "controlPlane.skill.disabled": skillDisabled,
  "controlPlane.skill.egress": skillEgress,
  "controlPlane.trustedKey.added": trustedKeyAdded,
  "controlPlane.trustedKey.revoked": trustedKeyRevoked,
  "controlPlane.skillVersion.revoked": skillVersionRevoked,
} as const;

export const v1Capabilities = {
  "control-plane.core": coreCapability,
  "control-plane.approval": approvalCapability,
  "control-plane.audit": auditCapability,
  "control-plane.skill-registry": skillRegistryCapability,
  "control-plane.channel-runtime": channelRuntimeCapability,
  "control-plane.admin": adminCapability,
} as const;

export type V1OperationKey = keyof typeof v1Operations;
export type V1EventKey = keyof typeof v1Events;
export type V1CapabilityKey = keyof typeof v1Capabilities;
