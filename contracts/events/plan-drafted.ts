import { z } from "zod";
import { IntentId } from "../common/ids.ts";
import { defineEvent } from "../define.ts";

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Count = z.number().int().min(0).nullable();

export const PlanDraftedPayload = z.strictObject({
  intentId: IntentId,
  request: z.strictObject({
    digest: Hex64.describe("SHA-256 of the canonical provider, model, prompt, answer schema and parameters"),
    provider: z.enum(["workers-ai", "openai-compatible"]),
    model: z.string().min(1),
    parameters: z.strictObject({ temperature: z.number(), maxRetries: z.number().int().min(0), timeoutMs: z.number().int().positive() }),
  }),
  call: z.discriminatedUnion("outcome", [
    z.strictObject({ outcome: z.literal("answered"), raw: z.string().describe("The model's answer exactly as received; replay reads this instead of calling the model") }),
    z.strictObject({ outcome: z.literal("failed"), code: z.enum(["MODEL_TIMEOUT", "MODEL_UNAVAILABLE", "MODEL_BUDGET_EXHAUSTED"]).describe("MODEL_BUDGET_EXHAUSTED: the tenant's daily token budget was used up and the model was not asked"), message: z.string() }),
  ]),
  offeredTools: z
    .array(z.string().min(1).max(200))
    .max(1000)
    .optional()
    .describe("The tool keys the answer schema and prompt offered: what the requester's grant and the tenant's policy could allow; replay reads the answer against exactly these (absent in records older than 2.0.0: every tool)"),
  redacted: z
    .array(z.strictObject({ kind: z.string().min(1).max(50), count: z.number().int().positive() }))
    .max(50)
    .optional()
    .describe("What was redacted from the request's text before the model saw it (credentials, approval links), by kind; absent in records older than 2.0.0"),
  responseDigest: Hex64.nullable().describe("SHA-256 of `raw`; part of the interpreter id, so of the plan id"),
  response: z.strictObject({ modelId: z.string().nullable(), finishReason: z.string().nullable() }),
  usage: z.strictObject({ inputTokens: Count, outputTokens: Count, totalTokens: Count }),
  latencyMs: z.number().int().min(0),
  thread: z
    .strictObject({
      key: z.string().min(1).max(500).describe("The thread (Slack thread, GitHub issue, WhatsApp conversation) within the tenant and channel"),
      turns: z
        .array(z.strictObject({ role: z.enum(["user", "assistant"]), text: z.string().max(4096) }))
        .max(6)
        .describe("The earlier turns the model was shown, oldest first (at most 6 and 4 KiB): a clarifying question and what led to it"),
    })
    .optional()
    .describe("Present when the request answered the planner's clarifying question (from 2.0.0); replay rebuilds the prompt from these turns"),
});
export type PlanDraftedPayload = z.infer<typeof PlanDraftedPayload>;

export const planDrafted = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.plan.drafted",
    version: "2.0.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["plan", "trace", "planner"],
    description: "The planner's model was asked to draft a plan for text the command grammar could not read.",
    goal: "Makes the one non-deterministic step of planning evidence: what was asked, of which model, and exactly what it answered.",
    context:
      "Recorded by the execution before controlPlane.plan.compiled or controlPlane.plan.rejected. The raw answer is read " +
      "against the schema generated from the tenant's tool registry; one that does not validate rejects the plan with " +
      "MODEL_OUTPUT_INVALID and is never repaired; one that names a tool not offered to the requester rejects it with " +
      "TOOL_NOT_OFFERED. Replay feeds the recorded answer back instead of calling the model.",
  },
  payload: PlanDraftedPayload,
});
