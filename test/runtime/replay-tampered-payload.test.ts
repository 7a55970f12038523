import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("replay-payload");
});
beforeEach(() => standin.reset());

async function replay(executionId: string): Promise<Response> {
  return call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
}

async function payloadAlerts(executionId: string): Promise<unknown[]> {
  const { results } = await env.DB.prepare("SELECT detail FROM drift_alerts WHERE execution_id = ? AND kind = 'trace_payload_tampered'").bind(executionId).all<{ detail: string }>();
  return results.map((r) => JSON.parse(r.detail) as unknown);
}

it("refuses to replay with TRACE_PAYLOAD_TAMPERED when a payload the ExecutionDO keeps is edited, and raises an alert", async () => {
  const { executionId } = await runText(admin, "reply kept words");
  expect(((await (await replay(executionId)).json()) as { outcome: string }).outcome).toBe("consistent");

  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const [row] = state.storage.sql.exec<{ payload: string }>("SELECT payload FROM events WHERE seq = 0").toArray();
    if (row === undefined) throw new Error("no event at seq 0");
    expect(row.payload).toContain("kept words");
    state.storage.sql.exec("UPDATE events SET payload = ? WHERE seq = 0", row.payload.replace("kept words", "kept wordz"));
  });

  const res = await replay(executionId);
  expect(res.status).toBe(409);
  const body = await problem(res);
  expect(body.code).toBe("TRACE_PAYLOAD_TAMPERED");
  expect(body.detail).toContain("seq 0");
  expect(await payloadAlerts(executionId)).toEqual([{ payloads: [{ seq: 0, status: "tampered" }] }]);
});

it("refuses to replay when the policy document replay decides with no longer matches its policy_pinned event", async () => {
  const { executionId } = await runText(admin, "reply policy");
  expect(((await (await replay(executionId)).json()) as { outcome: string }).outcome).toBe("consistent");

  // A forged role that changes no decision of this execution: re-running alone would still call it consistent.
  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'policy'").toArray();
    if (row === undefined) throw new Error("no policy document");
    const pin = JSON.parse(row.v) as { context: { requesterRoles: string[] } };
    pin.context.requesterRoles = [...pin.context.requesterRoles, "forged-role"];
    state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'policy'", JSON.stringify(pin));
  });

  const res = await replay(executionId);
  expect(res.status).toBe(409);
  expect((await problem(res)).code).toBe("TRACE_PAYLOAD_TAMPERED");
});
