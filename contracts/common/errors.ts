import type { DeclaredError } from "../define.ts";

/** Errors several contracts declare, written once so their wording cannot drift apart. */
export const executionNotFound: DeclaredError = {
  code: "EXECUTION_NOT_FOUND",
  status: 404,
  when: "no execution with this id exists in the caller's tenant",
};

/** For reads and cancels that follow the caller's reach: what it may not see answers as what does not exist. */
export const executionNotVisible: DeclaredError = {
  code: "EXECUTION_NOT_FOUND",
  status: 404,
  when: "no execution with this id exists in the caller's tenant, or the caller may not see it (a key without an unnarrowed audit or admin grant sees only the executions its principal requested)",
};

export const stepNotFound: DeclaredError = {
  code: "STEP_NOT_FOUND",
  status: 404,
  when: "the execution has no step with this id",
};

export const skillNotFound: DeclaredError = {
  code: "SKILL_NOT_FOUND",
  status: 404,
  when: "no skill with this id is installed in the caller's tenant",
};

export const idempotencyKeyReused: DeclaredError = {
  code: "IDEMPOTENCY_KEY_REUSED",
  status: 409,
  when: "the idempotency key was already used with a different request body",
};

export const invalidCursor: DeclaredError = {
  code: "INVALID_CURSOR",
  status: 400,
  when: "the cursor is malformed, expired, or was issued for different filters",
};

export const rateLimited: DeclaredError = {
  code: "RATE_LIMITED",
  status: 429,
  when: "the caller's tenant or API key sent more requests than its rate limit allows; retry after `Retry-After` seconds",
};

/** An API intent's reply target: where channel.reply and approval notices of its execution would post. */
export const replyTargetUnbound: DeclaredError = {
  code: "REPLY_TARGET_UNBOUND",
  status: 403,
  when: "replyTo names a Slack team, GitHub repository, or WhatsApp sending number that is not a confirmed channel binding of the caller's tenant (errors[].path names the field)",
};

export const replyTargetInvalid: DeclaredError = {
  code: "REPLY_TARGET_INVALID",
  status: 400,
  when: "replyTo carries what only a signed channel delivery may (a Slack response_url)",
};

export const executionArchived: DeclaredError = {
  code: "EXECUTION_ARCHIVED",
  status: 409,
  when: "the execution was archived past the retention window: its record is one read-only archive (execution.get, trace.get and replay read it) and nothing can change it",
};
