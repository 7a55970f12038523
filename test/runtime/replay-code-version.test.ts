import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { codeVersionReport } from "../../workers/api/handlers/execution-replay.ts";
import { traceIdOf } from "../../workers/ingest/ids.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("replay-version");
});

it("records the deployed code version in controlPlane.execution.started and replay compares it with the version answering", async () => {
  const { executionId } = await runText(admin, "reply versioned");
  const current = env.CF_VERSION_METADATA.id;
  expect(current).toMatch(/\S/);

  const trace = await call("GET", `/v1/traces/${traceIdOf(executionId)}?includePayloads=true`, { key: admin.key });
  const events = ((await trace.json()) as { events: { type: string; payload?: { codeVersion?: string } }[] }).events;
  expect(events.find((e) => e.type === "controlPlane.execution.started")?.payload?.codeVersion).toBe(current);

  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  const report = (await res.json()) as { outcome: string; codeVersion: unknown };
  expect(report.outcome).toBe("consistent");
  expect(report.codeVersion).toEqual({ recorded: current, current, changed: false });
});

it("says the code changed when the versions differ, and that it cannot tell when one is unknown", () => {
  expect(codeVersionReport({ recorded: "v-old", current: "v-new" })).toEqual({ recorded: "v-old", current: "v-new", changed: true });
  expect(codeVersionReport({ recorded: null, current: "v-new" })).toEqual({ recorded: null, current: "v-new", changed: null });
});
