import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { defineEvent } from "../define.ts";
import { Actor } from "../intent.ts";
import { PlanId } from "../plan.ts";

export const ExecutionStartedPayload = z.strictObject({
  planId: PlanId,
  planDigest: Digest,
  intentDigest: Digest,
  requester: Actor.describe("Who asked; excluded from approving when the approval rule says so"),
  stepCount: z.number().int().min(1),
  config: z
    .strictObject({
      retry: z.strictObject({
        baseDelayMs: z.number().int().min(0),
        factor: z.number().min(1),
        maxAttempts: z.number().int().min(1),
        maxDelayMs: z.number().int().min(0),
      }),
      maxInFlight: z.number().int().min(1),
    })
    .describe("Retry and concurrency settings, fixed at start so a config change never alters a running or replayed execution"),
  policy: z
    .strictObject({ version: z.string().min(1).max(100), hash: Digest })
    .describe("The policy pinned for the whole execution; a verdict from any other policy blocks the step"),
  codeVersion: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .describe("The deployed Worker version (version_metadata id) that started the execution; null when unknown, absent before 1.1.0"),
});
export type ExecutionStartedPayload = z.infer<typeof ExecutionStartedPayload>;

export const executionStarted = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.started",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "trace"],
    description: "The execution's Durable Object took the compiled plan and began scheduling steps.",
    goal: "Marks the moment the plan is owned by one single-writer execution, after which every state change is traced.",
    context: "Emitted once per execution, after controlPlane.plan.compiled and before any step event.",
  },
  payload: ExecutionStartedPayload,
});
