import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("compile");
});

async function compile(body: Record<string, unknown>) {
  const res = await call("POST", "/v1/plans/compile", { key: admin.key, body });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    status: string;
    intent: { tenantId: string };
    plan?: { planId: string; digest: string; steps: { key: string; tool: { key: string }; dependsOn: string[]; risk: string }[] };
    reasons?: { code: string; message: string }[];
  };
}

it("compiles command text into a typed step DAG storing and running nothing", async () => {
  const first = await compile({ text: "reply one then close acme/web#3" });
  expect(first.status).toBe("compiled");
  expect(first.intent.tenantId).toBe(admin.tenantId);
  const steps = first.plan?.steps ?? [];
  expect(steps.map((s) => [s.tool.key, s.risk])).toEqual([
    ["channel.reply", "low"],
    ["github.issue.close", "high"],
  ]);
  expect(steps[1]?.dependsOn).toHaveLength(1);
  expect(first.plan?.digest).toMatch(/^[0-9a-f]{64}$/);

  // The plan id derives from the canonical intent, which carries the server's receive time: a second
  // compile is a new intent. Recompiling the same intent is what execution.start checks (its own test).
  expect(first.plan?.planId).toMatch(/^pl_[0-9a-f]{24}$/);

  const list = (await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] };
  expect(list.items).toEqual([]);
});

it("rejects text that does not parse with reasons, never a guessed plan", async () => {
  const answer = await compile({ text: "frobnicate the widgets" });
  expect(answer.status).toBe("rejected");
  expect(answer.plan).toBeUndefined();
  expect(answer.reasons?.length).toBeGreaterThan(0);
});
