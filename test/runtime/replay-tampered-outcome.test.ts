import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { runText, tamperFirstToolOutcome } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("replay-diff");
});
beforeEach(() => standin.reset());

interface Replayed {
  outcome: string;
  differences: { stage: string; path: string; recorded: unknown; replayed: unknown }[];
}

it("answers diff when a recorded tool outcome in the ExecutionDO's input log is changed", async () => {
  const { executionId } = await runText(admin, "reply hello");
  const before = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(((await before.json()) as Replayed).outcome).toBe("consistent");

  // Rewrite history: the recorded outcome now says the provider answered with another message.
  expect(await tamperFirstToolOutcome(executionId)).toBe(1);

  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  const report = (await res.json()) as Replayed;
  expect(report.outcome).toBe("diff");
  expect(report.differences.length).toBeGreaterThan(0);
  expect(report.differences[0]?.stage).toBe("executor");
});
