import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { getExecution, runText, slackPosts } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("unparsable");
});
beforeEach(() => standin.reset());

it("rejects text that does not parse, with plan.rejected and a helpful reply through a compiled one-step channel.reply plan", async () => {
  const submitted = await runText(admin, "frobnicate");

  const view = await getExecution(admin, submitted.executionId);
  expect(view.status).toBe("rejected");
  // The reply is itself a compiled plan of one low-risk channel.reply step, never a guess at what was meant.
  expect(view.steps).toHaveLength(1);
  expect(view.steps[0]).toMatchObject({ key: "reply", state: "succeeded", verdict: { verdict: "autonomous" } });

  const posts = await slackPosts();
  expect(posts).toHaveLength(1);
  const reply = JSON.parse(posts[0]?.body ?? "{}") as { channel: string; thread_ts: string; text: string };
  expect(reply).toMatchObject({ channel: "C1", thread_ts: "1700000000.000001" });
  expect(reply.text).toContain("frobnicate");
  expect(reply.text).toMatch(/help/);

  const res = await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true`, { key: admin.key });
  const trace = (await res.json()) as { events: { type: string; payload?: { reasons?: { code: string }[]; plan?: { steps: { tool: { key: string } }[] } } }[]; chain: { valid: boolean } };
  expect(trace.chain.valid).toBe(true);
  const types = trace.events.map((e) => e.type);
  expect(types.slice(0, 3)).toEqual(["controlPlane.intent.received", "controlPlane.plan.rejected", "controlPlane.plan.compiled"]);
  expect(trace.events[1]?.payload?.reasons?.length).toBeGreaterThan(0);
  expect(trace.events[2]?.payload?.plan?.steps.map((s) => s.tool.key)).toEqual(["channel.reply"]);
  expect(types).toContain("controlPlane.execution.step.completed");
});
