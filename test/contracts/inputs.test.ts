import { describe, expect, it } from "vitest";
import { v1Operations } from "../../contracts/index.ts";

const submit = v1Operations["controlPlane.intent.submit"].input;
const list = v1Operations["controlPlane.execution.list"].input;
const trace = v1Operations["controlPlane.trace.get"].input;
const compile = v1Operations["controlPlane.plan.compile"].input;
const createKey = v1Operations["controlPlane.apiKey.create"].input;

describe("operation inputs", () => {
  it("intent.submit takes exactly one of text or steps, and never a tenant or receivedAt", () => {
    const base = { channel: "api", replyTo: { kind: "none" } };
    expect(submit.safeParse({ ...base, text: "help" }).success).toBe(true);
    expect(submit.safeParse({ ...base, steps: [{ key: "a", tool: "channel.reply", input: {} }] }).success).toBe(true);
    expect(submit.safeParse(base).success).toBe(false);
    expect(submit.safeParse({ ...base, text: "help", steps: [{ key: "a", tool: "t", input: {} }] }).success).toBe(false);
    expect(submit.safeParse({ ...base, text: "help", tenantId: "other" }).success).toBe(false);
    expect(submit.safeParse({ ...base, text: "help", receivedAt: "2026-01-01T00:00:00Z" }).success).toBe(false);
  });

  it("GET inputs read query-string text: numbers and booleans are coerced, defaults filled", () => {
    expect(list.parse({})).toEqual({ limit: 20 });
    expect(list.parse({ limit: "5", status: "failed" })).toEqual({ limit: 5, status: "failed" });
    expect(list.safeParse({ limit: "0" }).success).toBe(false);
    expect(list.safeParse({ limit: "101" }).success).toBe(false);
    expect(list.safeParse({ unknown: "x" }).success).toBe(false);
    expect(trace.parse({ traceId: "tr_1", includePayloads: "true" })).toMatchObject({ includePayloads: true, limit: 100 });
    expect(trace.parse({ traceId: "tr_1", includePayloads: "false" })).toMatchObject({ includePayloads: false });
  });

  it("plan.compile defaults the channel and reply target for direct callers", () => {
    expect(compile.parse({ text: "help" })).toEqual({ text: "help", channel: "api", replyTo: { kind: "none" } });
  });

  it("apiKey.create refuses repeated or malformed capabilities", () => {
    const ok = { name: "ci", capabilities: ["control-plane.core"] };
    expect(createKey.safeParse(ok).success).toBe(true);
    expect(createKey.safeParse({ ...ok, capabilities: ["control-plane.core", "control-plane.core"] }).success).toBe(false);
    expect(createKey.safeParse({ ...ok, capabilities: ["Core"] }).success).toBe(false);
    expect(createKey.safeParse({ ...ok, capabilities: [] }).success).toBe(false);
  });

  it("path identifiers cannot contain a slash", () => {
    const get = v1Operations["controlPlane.execution.get"].input;
    expect(get.safeParse({ executionId: "ex_1" }).success).toBe(true);
    expect(get.safeParse({ executionId: "ex/1" }).success).toBe(false);
  });
});
