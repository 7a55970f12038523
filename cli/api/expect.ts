import type { z } from "zod";
import { CliError, EXIT } from "../exit.ts";

/** The answer read through its contract's output schema; an answer outside it is reported, not guessed at. */
export function expectShape<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CliError(EXIT.failed, `the server's answer to ${what} is not what the contract declares (${issue === undefined ? "invalid" : `${issue.path.join(".")}: ${issue.message}`})`);
}
