import { describe, expect, it } from "vitest";
import { bootstrap, call, problem } from "../support/api.ts";
import { runText } from "../governance/support.ts";

describe("replay --live without a planner model", () => {
  it("answers MODEL_NOT_CONFIGURED, while a plain replay still answers", async () => {
    const admin = await bootstrap("live-unconfigured");
    const run = await runText(admin, "reply hello");
    const live = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: { live: true } });
    expect(live.status).toBe(409);
    expect((await problem(live)).code).toBe("MODEL_NOT_CONFIGURED");
    const plain = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: { live: false } });
    expect(plain.status).toBe(200);
    const body = await plain.json();
    expect(body).toMatchObject({ outcome: "consistent" });
    expect(body).not.toHaveProperty("live");
  });
});
