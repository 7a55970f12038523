import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("start-digest");
});

it("refuses to start a reviewed intent whose plan digest is not the one recompiled (409 PLAN_DIGEST_MISMATCH), and starts it with the right one", async () => {
  const compiled = (await (await call("POST", "/v1/plans/compile", { key: admin.key, body: { text: "reply reviewed" } })).json()) as {
    intent: Record<string, unknown>;
    plan: { digest: string };
  };
  const wrong = compiled.plan.digest.replace(/^./, (c) => (c === "0" ? "1" : "0"));

  const refused = await call("POST", "/v1/executions", { key: admin.key, body: { intent: compiled.intent, expectedDigest: wrong } });
  expect(refused.status).toBe(409);
  expect((await problem(refused)).code).toBe("PLAN_DIGEST_MISMATCH");
  const none = (await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] };
  expect(none.items).toEqual([]);

  const started = await call("POST", "/v1/executions", { key: admin.key, body: { intent: compiled.intent, expectedDigest: compiled.plan.digest } });
  expect([200, 201, 202]).toContain(started.status);
  expect(((await started.json()) as { planDigest: string | null; executionId: string }).executionId).toMatch(/^ex_/);
});
