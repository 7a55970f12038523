import { z } from "zod";
import { PendingApproval } from "../common/pending-approval.ts";
import { defineOperation } from "../define.ts";

export const ApprovalListInput = z.strictObject({
  mine: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true")
    .describe("Only requests the caller may decide (default); `false` lists every pending request the caller may see: the tenant's with an unnarrowed audit or admin grant, otherwise those it may decide and those of its own executions"),
});

export const ApprovalListOutput = z.strictObject({ items: z.array(PendingApproval) });
export type ApprovalListOutput = z.infer<typeof ApprovalListOutput>;

export const approvalList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.approval.list",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["approval", "governance"],
    description: "List the steps waiting for an approval decision, each with a signed link for the caller.",
    goal: "Lets approvers find what waits for them from the API and CLI, whatever channel the request came from.",
    context:
      "Each item carries a fresh signed link bound to the caller's principal and to the step's action digest, when " +
      "the caller may decide it; opening the link with GET changes nothing.",
  },
  input: ApprovalListInput,
  output: ApprovalListOutput,
  errors: [],
  capability: "control-plane.approval",
  http: { method: "GET", path: "/v1/approvals" },
  emits: [],
});
