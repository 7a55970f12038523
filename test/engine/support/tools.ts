import { z } from "zod";
import { builtinTools, createToolRegistry, defineTool } from "../../../contracts/tools/index.ts";

/** A skill tool with outputs of many shapes, to exercise reference type checks. */
export const classify = defineTool({
  kind: "tool",
  key: "acme/triage/classify",
  version: "1.2.0",
  description: "Classify an issue.",
  input: z.object({
    title: z.string(),
    severity: z.enum(["low", "medium", "high"]).optional(),
    only: z.enum(["low"]).optional(),
    score: z.number().optional(),
    count: z.number().int().optional(),
    strict: z.boolean().optional(),
    meta: z.object({ source: z.string(), weight: z.number().optional() }).optional(),
  }),
  output: z.object({
    severity: z.enum(["low", "high"]),
    score: z.number(),
    confident: z.boolean(),
    summary: z.string(),
    note: z.string().optional(),
    origin: z.object({ source: z.string(), weight: z.number() }),
    labels: z.array(z.string()),
    pair: z.tuple([z.string(), z.number()]),
  }),
  risk: "low",
  sideEffect: "none",
  idempotency: "natural",
  tags: ["triage"],
});

export const classifyV1 = { ...classify, version: "1.0.0" };

export const registryWithSkills = createToolRegistry([...builtinTools, classify, classifyV1]);
