import type { Env } from "../../env.ts";

/** The execution's Durable Object; callers check tenant ownership against D1 first. */
export function executionStub(env: Env, executionId: string) {
  return env.EXECUTIONS.get(env.EXECUTIONS.idFromName(executionId));
}
