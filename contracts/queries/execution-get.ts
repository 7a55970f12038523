import { z } from "zod";
import { executionNotFound } from "../common/errors.ts";
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
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution"],
    description: "Read one execution with every step's state, policy verdict and approvals.",
    goal: "Answers 'where is my request and what is it waiting for?' in one call.",
    context:
      "Reads the execution's current state, which the execution's Durable Object owns; the answer is a snapshot " +
      "and may be behind a step that is finishing at that moment. Executions of other tenants answer 404.",
  },
  input: ExecutionGetInput,
  output: ExecutionGetOutput,
  errors: [executionNotFound],
  capability: "control-plane.core",
  http: { method: "GET", path: "/v1/executions/{executionId}" },
  emits: [],
});
