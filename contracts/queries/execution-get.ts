import { z } from "zod";
import { executionNotVisible } from "../common/errors.ts";
import { ExecutionDetail } from "../common/execution.ts";
import { ExecutionId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ExecutionGetInput = z.strictObject({ executionId: ExecutionId });
export type ExecutionGetInput = z.infer<typeof ExecutionGetInput>;

export const ExecutionGetOutput = ExecutionDetail;
export type ExecutionGetOutput = z.infer<typeof ExecutionGetOutput>;

export const executionGet = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.execution.get",
    version: "2.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution"],
    description: "Read one execution with every step's state, policy verdict and approvals.",
    goal: "Answers 'where is my request and what is it waiting for?' in one call.",
    context:
      "Reads the execution's current state, which the execution's Durable Object owns; the answer is a snapshot " +
      "and may be behind a step that is finishing at that moment. Executions of other tenants answer 404, and so do " +
      "other principals' executions for a key without an unnarrowed control-plane.audit or control-plane.admin grant. " +
      "`replyTo` never carries provider credentials (a Slack `response_url`). An execution archived after " +
      "TRACE_RETENTION_DAYS is read from its archive, checked against its index row first.",
  },
  input: ExecutionGetInput,
  output: ExecutionGetOutput,
  errors: [
    executionNotVisible,
    { code: "ARCHIVE_MISSING", status: 409, when: "the execution was archived and its archive object is gone" },
    { code: "ARCHIVE_DIGEST_MISMATCH", status: 409, when: "the execution's archive does not hash to the digest its index row recorded" },
    { code: "TRACE_CHAIN_BROKEN", status: 409, when: "the archived trace fails hash-chain verification against the head its index row recorded" },
  ],
  capability: "control-plane.core",
  http: { method: "GET", path: "/v1/executions/{executionId}" },
  emits: [],
});
