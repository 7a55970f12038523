import { z } from "zod";

/** RFC 9457 problem details, the body of every error answer (`application/problem+json`). */
export const Problem = z.strictObject({
  type: z.string().max(500).describe("URI identifying the problem type"),
  title: z.string().max(200).describe("Short summary of the HTTP status"),
  status: z.number().int().min(400).max(599),
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe("Stable upper-snake code declared by the contract"),
  detail: z.string().max(4000).describe("What went wrong in this occurrence"),
  errors: z
    .array(
      z.strictObject({
        path: z.string().max(500).describe("Dotted path to the field, e.g. `steps.0.tool`; empty for the whole input"),
        message: z.string().max(1000),
      }),
    )
    .optional()
    .describe("Field-level errors, present on validation failures"),
  traceId: z.string().max(128).optional().describe("Trace of the execution the problem concerns, when there is one"),
});
export type Problem = z.infer<typeof Problem>;
