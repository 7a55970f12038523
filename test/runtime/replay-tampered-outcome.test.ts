import { runInDurableObject } from "cloudflare:test";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { runText } from "./support/flow.ts";

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
  const changed = await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const rows = state.storage.sql.exec<{ seq: number; input: string }>("SELECT seq, input FROM inputs ORDER BY seq").toArray();
    const row = rows.find((r) => (JSON.parse(r.input) as { kind: string }).kind === "tool_outcome");
    if (row === undefined) return 0;
    const input = JSON.parse(row.input) as { kind: string; outcome: { ok: boolean; output?: Record<string, unknown> } };
    const tampered = { ...input, outcome: { ok: true, output: { ...input.outcome.output, ts: "1700000000.999999" } } };
    state.storage.sql.exec("UPDATE inputs SET input = ? WHERE seq = ?", JSON.stringify(tampered), row.seq);
    return 1;
  });
  expect(changed).toBe(1);

  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  const report = (await res.json()) as Replayed;
  expect(report.outcome).toBe("diff");
  expect(report.differences.length).toBeGreaterThan(0);
  expect(report.differences[0]?.stage).toBe("executor");
});
