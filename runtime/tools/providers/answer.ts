import type { z } from "zod";
import { finalFailure, type ToolFailure } from "../outcome.ts";
import type { Answer, Provider } from "./send.ts";

export type Result<T> = { ok: true; value: T } | ToolFailure;

/** Reads the part of a successful answer we rely on; anything else means the call's result is unknown to us. */
export function readAnswer<T>(provider: Provider, schema: z.ZodType<T>, answer: Answer): Result<T> {
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const where = parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
  return finalFailure("OUTPUT_INVALID", `${provider.name.toLowerCase()} answered ${answer.status} without the expected fields (${where})`);
}
