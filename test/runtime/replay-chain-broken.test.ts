import { runInDurableObject } from "cloudflare:test";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("replay-broken");
});
beforeEach(() => standin.reset());

it("refuses to replay with TRACE_CHAIN_BROKEN (409) when the ExecutionDO's own events rows are changed", async () => {
  const { executionId } = await runText(admin, "reply hello");

  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const [row] = state.storage.sql.exec<{ event: string }>("SELECT event FROM events WHERE seq = 2").toArray();
    if (row === undefined) throw new Error("no event at seq 2");
    const event = JSON.parse(row.event) as Record<string, unknown>;
    state.storage.sql.exec("UPDATE events SET event = ? WHERE seq = 2", JSON.stringify({ ...event, at: "2020-01-01T00:00:00.000Z" }));
  });

  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(409);
  const body = await problem(res);
  expect(body.code).toBe("TRACE_CHAIN_BROKEN");
  expect(body.detail).toContain("seq 2");
});

it("refuses to replay with TRACE_CHAIN_BROKEN when an events row is deleted", async () => {
  const { executionId } = await runText(admin, "reply again");
  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    state.storage.sql.exec("DELETE FROM events WHERE seq = 1");
  });
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(409);
  expect((await problem(res)).code).toBe("TRACE_CHAIN_BROKEN");
});
