import { z } from "zod";
import { StepKey } from "./ids.ts";

/** Why a plan did not compile or verify. Rejection is a normal answer, so it is data, not an error. */
export const RejectionReason = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .max(100)
    .describe("Stable upper-snake code, e.g. `UNKNOWN_TOOL`, `UNPARSEABLE_TEXT`, `CYCLE`, `TOOL_BLOCKED`"),
  message: z.string().max(2000).describe("What is wrong and, where possible, how to fix it"),
  stepKey: StepKey.optional().describe("The step the reason is about, when it is about one"),
  path: z.string().max(500).optional().describe("Dotted path inside the step input, e.g. `input.labels.0`"),
});
export type RejectionReason = z.infer<typeof RejectionReason>;
