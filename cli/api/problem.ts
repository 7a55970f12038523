import { z } from "zod";

/** Read leniently: a problem from a newer server may carry fields this CLI does not know. */
const ProblemLike = z.looseObject({
  title: z.string().optional(),
  status: z.number().optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.looseObject({ path: z.string().optional(), message: z.string().optional() })).optional(),
  traceId: z.string().optional(),
});

/** A server refusal as a few readable lines: status, code, detail, field errors, trace. */
export function formatProblem(status: number, body: unknown, rawText: string): string {
  const problem = ProblemLike.safeParse(body);
  if (!problem.success || (problem.data.code === undefined && problem.data.detail === undefined)) {
    const text = rawText.trim();
    return `server answered ${status}${text === "" ? " with no body" : `: ${text.length > 500 ? `${text.slice(0, 500)}…` : text}`}`;
  }
  const { title, code, detail, errors, traceId } = problem.data;
  const lines = [`server answered ${status}${title === undefined ? "" : ` ${title}`}${code === undefined ? "" : `: ${code}`}`];
  if (detail !== undefined) lines.push(`  ${detail}`);
  for (const error of errors ?? []) lines.push(`  - ${error.path === undefined || error.path === "" ? "(input)" : error.path}: ${error.message ?? ""}`);
  if (traceId !== undefined) lines.push(`  trace ${traceId}`);
  return lines.join("\n");
}
