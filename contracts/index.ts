import type { AnyContract } from "./define.ts";
import { createRegistry } from "./registry.ts";
import { v1Capabilities, v1Events, v1Operations } from "./v1.ts";

export * from "./define.ts";
export * from "./registry.ts";
export * from "./v1.ts";
export * from "./json-schema.ts";
export * from "./openapi.ts";
export * from "./operation-errors.ts";
export * from "./policy/decision.ts";
export * from "./common/api-key.ts";
export * from "./common/approval.ts";
export * from "./common/errors.ts";
export * from "./common/execution.ts";
export * from "./common/ids.ts";
export * from "./common/intent-request.ts";
export * from "./common/pagination.ts";
export * from "./common/problem.ts";
export * from "./common/rejection.ts";
export * from "./common/skill.ts";
export * from "./common/status.ts";
export * from "./common/steps.ts";
export * from "./common/trace.ts";
export * from "./commands/api-key-create.ts";
export * from "./commands/api-key-revoke.ts";
export * from "./commands/execution-approve.ts";
export * from "./commands/execution-cancel.ts";
export * from "./commands/execution-reject.ts";
export * from "./commands/execution-replay.ts";
export * from "./commands/execution-start.ts";
export * from "./commands/intent-submit.ts";
export * from "./commands/plan-compile.ts";
export * from "./commands/plan-verify.ts";
export * from "./commands/skill-disable.ts";
export * from "./commands/skill-install.ts";
export * from "./commands/tenant-bootstrap.ts";
export * from "./queries/api-key-list.ts";
export * from "./queries/execution-get.ts";
export * from "./queries/execution-list.ts";
export * from "./queries/policy-explain.ts";
export * from "./queries/skill-list.ts";
export * from "./queries/skill-verify.ts";
export * from "./queries/trace-get.ts";
export * from "./events/execution-cancelled.ts";
export * from "./events/execution-completed.ts";
export * from "./events/execution-failed.ts";
export * from "./events/execution-started.ts";
export * from "./events/execution-step-approval-requested.ts";
export * from "./events/execution-step-approved.ts";
export * from "./events/execution-step-blocked.ts";
export * from "./events/execution-step-completed.ts";
export * from "./events/execution-step-escalated.ts";
export * from "./events/execution-step-failed.ts";
export * from "./events/execution-step-rejected.ts";
export * from "./events/execution-step-retry-scheduled.ts";
export * from "./events/execution-step-started.ts";
export * from "./events/intent-received.ts";
export * from "./events/plan-compiled.ts";
export * from "./events/plan-rejected.ts";
export * from "./events/skill-disabled.ts";
export * from "./events/skill-installed.ts";
export * from "./events/skill-rejected.ts";
export * from "./events/skill-egress.ts";
export * from "./events/skill-version-revoked.ts";
export * from "./events/trusted-key-added.ts";
export * from "./events/trusted-key-revoked.ts";
export * from "./commands/skill-version-revoke.ts";
export * from "./commands/trusted-key-add.ts";
export * from "./commands/trusted-key-revoke.ts";
export * from "./queries/trusted-key-list.ts";
export * from "./common/trusted-key.ts";

export const v1Contracts: readonly AnyContract[] = [
  ...Object.values(v1Capabilities),
  ...Object.values(v1Events),
  ...Object.values(v1Operations),
];

/** The registry this deployment serves; building it checks every cross-reference. */
export const registry = createRegistry(v1Contracts);
