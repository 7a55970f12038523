import type { z } from "zod";
import type { FieldError } from "./problem.ts";

/** zod issues as `{ path: "steps.0.tool", message }`, the form every 400 carries. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}
