import type { ToolContract } from "../contracts/tools/index.ts";
import { type InputPath, isUnder } from "./refs.ts";

export interface InputProblem {
  path: InputPath;
  /** zod's message, without the path. */
  message: string;
}

export function describeProblem(problem: InputProblem): string {
  return problem.path.length === 0 ? problem.message : `\`${problem.path.join(".")}\`: ${problem.message}`;
}

/**
 * What is wrong with a step's literal input for `tool`, ignoring what sits at or under `skip` (references,
 * which are checked by type instead). Unknown top-level fields are problems: zod would strip them silently
 * and a misspelt field must not vanish from a plan unnoticed.
 */
export function inputProblems(
  tool: ToolContract,
  input: Readonly<Record<string, unknown>>,
  skip: readonly InputPath[] = [],
): InputProblem[] {
  const problems: InputProblem[] = [];
  if (tool.input.def.catchall === undefined) {
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(tool.input.shape, key)) {
        const fields = Object.keys(tool.input.shape).join(", ");
        problems.push({ path: [key], message: `${tool.key} has no field \`${key}\`; it takes ${fields}` });
      }
    }
  }
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (skip.some((path) => isUnder(issue.path, path))) continue;
      const path = issue.path.map((s) => (typeof s === "number" ? s : String(s)));
      problems.push({ path, message: issue.message });
    }
  }
  return problems;
}
