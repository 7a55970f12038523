import type { z } from "zod";
import { noStepContext } from "./adapter.ts";
import type { ToolOutcome } from "../../runtime/tools/outcome.ts";
import { isMintedStepContext, type StepContext } from "../../runtime/tools/step-context.ts";

export interface StepRunner {
  run(context: StepContext): Promise<ToolOutcome>;
}

/** A runner of non-built-in tools (skills, upstream MCP servers): only minted step contexts, and never a throw. */
export function guardedRunner(run: (context: StepContext) => Promise<ToolOutcome>, failure: (error: unknown) => ToolOutcome): StepRunner {
  return {
    async run(context) {
      if (!isMintedStepContext(context)) return noStepContext;
      try {
        return await run(context);
      } catch (error) {
        return failure(error);
      }
    },
  };
}

/** A zod error as one line of `path: message` pairs, for a step's failure message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ").slice(0, 2000);
}
