import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("index");
});

it("reports completion to the D1 index: execution.list shows the execution succeeded with its plan", async () => {
  const submitted = await runText(admin, "reply indexed");
  const res = await call("GET", "/v1/executions", { key: admin.key });
  expect(res.status).toBe(200);
  const list = (await res.json()) as { items: { executionId: string; status: string; planDigest: string | null; completedAt: string | null }[] };
  const row = list.items.find((i) => i.executionId === submitted.executionId);
  expect(row).toMatchObject({ status: "succeeded" });
  expect(row?.planDigest).toMatch(/^[0-9a-f]{64}$/);
  expect(row?.completedAt).not.toBeNull();
});
